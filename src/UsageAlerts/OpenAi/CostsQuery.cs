namespace UsageAlerts.OpenAi;

/// <summary>Parameters of a costs request range (always daily buckets).</summary>
public sealed record CostsQuery(DateTimeOffset StartTime, DateTimeOffset? EndTime)
{
    /// <summary>OpenAI rejects a costs <c>limit</c> above this instead of clamping it.</summary>
    public const int MaxLimit = 180;

    public IReadOnlyList<string> GroupBy { get; init; } = [];
    public IReadOnlyList<string> ProjectIds { get; init; } = [];
    public IReadOnlyList<string> ApiKeyIds { get; init; } = [];
    public int? Limit { get; init; }
}
