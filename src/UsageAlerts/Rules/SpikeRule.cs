namespace UsageAlerts.Rules;

/// <summary>A day (or hour) far above its own rolling baseline, ignoring volumes too small to matter.</summary>
internal sealed class SpikeRule : IIdentifiedRule
{
    public string? Id { get; init; }

    public string Name { get; init; } = "";

    public string Key => Id ?? Name;

    public ScopeRule Scope { get; init; } = new();

    public SpikeMetric Metric { get; init; } = SpikeMetric.Cost;

    /// <summary>Hourly spikes need hourly data, so they work on tokens and requests, not on daily costs.</summary>
    public SpikeGranularity Granularity { get; init; } = SpikeGranularity.Day;

    /// <summary>Days (or, hourly, hours) before the evaluated bucket that make the baseline.</summary>
    public int BaselineBuckets { get; init; } = 14;

    public SpikeMethod Method { get; init; } = SpikeMethod.Median;

    /// <summary>Median: fire above factor × median. MAD: fire above median + factor × 1.4826 × MAD.</summary>
    public decimal Factor { get; init; } = 3m;

    /// <summary>Below this value (USD, tokens or requests) nothing fires, so tiny projects page nobody.</summary>
    public decimal Minimum { get; init; }

    /// <summary>One alert per project rather than one for the whole scope.</summary>
    public bool PerProject { get; init; } = true;

    public List<string> Receivers { get; init; } = [];

    public TimeSpan? RepeatInterval { get; init; }
}

internal enum SpikeMetric
{
    Cost,
    Tokens,
    Requests,
}

internal enum SpikeGranularity
{
    Day,
    Hour,
}

internal enum SpikeMethod
{
    Median,
    Mad,
}
