namespace UsageAlerts.OpenAi;

/// <summary>
/// One usage result. Dimensions are null unless the request grouped by them. Every integer field of the result
/// lands in <see cref="Metrics"/> under its JSON name, so fields OpenAI adds later are kept without a code change.
/// </summary>
public sealed record UsageResult(string Kind, UsageDimensions Dimensions, IReadOnlyDictionary<string, long> Metrics)
{
    public long Metric(string name) => Metrics.TryGetValue(name, out var value) ? value : 0;
}

/// <summary>The grouping dimensions a usage result can carry.</summary>
public sealed record UsageDimensions(
    string? ProjectId = null,
    string? Model = null,
    string? ApiKeyId = null,
    string? UserId = null,
    string? Batch = null,
    string? ServiceTier = null,
    string? Size = null,
    string? ContextLevel = null);
