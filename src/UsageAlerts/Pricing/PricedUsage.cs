namespace UsageAlerts.Pricing;

/// <summary>
/// One stored daily usage row as pricing needs it: its group down to batch and service tier (priced apart), and its
/// integer metrics.
/// </summary>
internal sealed record PricedUsage(
    string Kind,
    string? ProjectId,
    string? Model,
    string? ApiKeyId,
    string? Batch,
    string? ServiceTier,
    string? Size,
    string? ContextLevel,
    IReadOnlyDictionary<string, long> Metrics)
{
    public long Metric(string name) => Metrics.TryGetValue(name, out var value) ? value : 0;

    /// <summary>
    /// What a line item's price varies by without naming it: the service tier of completions, the context level of
    /// web search calls. Rates are learned per tier; rows that name none share one.
    /// </summary>
    public string Tier => ServiceTier ?? ContextLevel ?? "default";
}
