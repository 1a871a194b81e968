namespace UsageAlerts.Storage;

/// <summary>
/// Per-minute requests and tokens of one project and cap model, summed over the usage models and streams that
/// share the cap, so the peak is the peak of what the limiter sees.
/// </summary>
internal sealed class MinuteTotals
{
    private readonly Dictionary<DateTimeOffset, (long Requests, long Tokens)> _minutes = [];

    public SortedSet<string> UsageModels { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<DateTimeOffset, (long Requests, long Tokens)> Minutes => _minutes;

    public void Add(DateTimeOffset minute, string? usageModel, long requests, long tokens)
    {
        if (usageModel is not null)
        {
            UsageModels.Add(usageModel);
        }

        var current = _minutes.GetValueOrDefault(minute);
        _minutes[minute] = (current.Requests + requests, current.Tokens + tokens);
    }

    public (long Peak, DateTimeOffset? Minute) PeakRequests() => Peak(m => m.Requests);

    public (long Peak, DateTimeOffset? Minute) PeakTokens() => Peak(m => m.Tokens);

    private (long Peak, DateTimeOffset? Minute) Peak(Func<(long Requests, long Tokens), long> measure)
    {
        long peak = 0;
        DateTimeOffset? at = null;
        foreach (var (minute, totals) in _minutes.OrderBy(m => m.Key))
        {
            if (measure(totals) > peak)
            {
                peak = measure(totals);
                at = minute;
            }
        }

        return (peak, at);
    }
}
