namespace UsageAlerts.OpenAi;

/// <summary>Parameters of one usage request range; the client splits it into pages.</summary>
public sealed record UsageQuery(UsageKind Kind, DateTimeOffset StartTime, DateTimeOffset? EndTime, BucketWidth Width)
{
    public IReadOnlyList<string> GroupBy { get; init; } = [];
    public IReadOnlyList<string> ProjectIds { get; init; } = [];
    public IReadOnlyList<string> UserIds { get; init; } = [];
    public IReadOnlyList<string> ApiKeyIds { get; init; } = [];
    public IReadOnlyList<string> Models { get; init; } = [];
    public bool? Batch { get; init; }

    /// <summary>Buckets per page; null asks for the width's maximum, which minimises calls.</summary>
    public int? Limit { get; init; }
}
