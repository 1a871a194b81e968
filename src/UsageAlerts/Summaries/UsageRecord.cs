namespace UsageAlerts.Summaries;

/// <summary>One stored daily usage row, as the aggregation sees it: its day, endpoint, group and integer metrics.</summary>
internal sealed record UsageRecord(DateOnly Day, string Kind, string? ProjectId, string? Model, string? ApiKeyId, IReadOnlyList<KeyValuePair<string, long>> Metrics);

/// <summary>
/// One stored daily cost row. <see cref="Model"/> is derived from the line item (costs carry no model of their own;
/// see <see cref="LineItems.ModelOf"/>). <see cref="Estimated"/> marks a per-key cost derived from usage and learned
/// unit rates rather than billed by OpenAI.
/// </summary>
internal sealed record CostRecord(DateOnly Day, string? ProjectId, string? LineItem, string? ApiKeyId, decimal AmountUsd, bool Estimated = false)
{
    public string? Model { get; } = LineItems.ModelOf(LineItem);
}
