namespace UsageAlerts.OpenAi;

/// <summary>Parameters of a costs request range (always daily buckets).</summary>
public sealed record CostsQuery(DateTimeOffset StartTime, DateTimeOffset? EndTime)
{
    /// <summary>OpenAI rejects a costs <c>limit</c> above this instead of clamping it.</summary>
    public const int MaxLimit = 180;

    /// <summary>Windows starting before this date are refused with 400 when grouped by API key.</summary>
    public static readonly DateTimeOffset ApiKeyGroupingAvailableFrom = new(2025, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<string> GroupBy { get; init; } = [];
    public IReadOnlyList<string> ProjectIds { get; init; } = [];
    public IReadOnlyList<string> ApiKeyIds { get; init; } = [];
    public int? Limit { get; init; }
}
