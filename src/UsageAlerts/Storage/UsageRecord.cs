namespace UsageAlerts.Storage;

/// <summary>
/// One stored usage bucket of one group: when it starts, its endpoint, group and integer metrics. Daily buckets feed
/// summaries (by <see cref="Day"/>); hourly and one-minute buckets feed spikes and rate-limit headroom.
/// </summary>
internal sealed record UsageRecord(DateTimeOffset Start, string Kind, string? ProjectId, string? Model, string? ApiKeyId, IReadOnlyList<KeyValuePair<string, long>> Metrics)
{
    public const string RequestsMetric = "num_model_requests";
    public const string InputTokensMetric = "input_tokens";
    public const string OutputTokensMetric = "output_tokens";

    public DateOnly Day => Periods.Day(Start);

    public long Requests => Metric(RequestsMetric);

    public long InputTokens => Metric(InputTokensMetric);

    public long OutputTokens => Metric(OutputTokensMetric);

    public long Tokens => InputTokens + OutputTokens;

    public long Metric(string name)
    {
        foreach (var (metric, value) in Metrics)
        {
            if (metric == name)
            {
                return value;
            }
        }

        return 0;
    }
}

/// <summary>
/// One stored daily cost row. <see cref="Model"/> is derived from the line item (costs carry no model of their own;
/// see <see cref="LineItems.ModelOf"/>). <see cref="Estimated"/> marks a cost derived from usage and learned unit
/// rates rather than billed by OpenAI.
/// </summary>
internal sealed record CostRecord(DateOnly Day, string? ProjectId, string? LineItem, string? ApiKeyId, decimal AmountUsd, bool Estimated = false)
{
    /// <summary>Derived from the line item; set apart only on a record summed over line items of one model.</summary>
    public string? Model { get; init; } = LineItems.ModelOf(LineItem);
}
