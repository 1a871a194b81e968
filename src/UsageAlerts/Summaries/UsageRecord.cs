namespace UsageAlerts.Summaries;

/// <summary>One stored daily usage row, as the aggregation sees it: its day, endpoint, group and integer metrics.</summary>
internal sealed record UsageRecord(DateOnly Day, string Kind, string? ProjectId, string? Model, string? ApiKeyId, IReadOnlyList<KeyValuePair<string, long>> Metrics);

/// <summary>
/// One stored daily cost row. <see cref="Model"/> is derived from the line item (costs carry no model of their own;
/// see <see cref="LineItems.ModelOf"/>).
/// </summary>
internal sealed record CostRecord(DateOnly Day, string? ProjectId, string? LineItem, string? ApiKeyId, decimal AmountUsd)
{
    public string? Model { get; } = LineItems.ModelOf(LineItem);
}
