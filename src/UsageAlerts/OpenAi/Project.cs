namespace UsageAlerts.OpenAi;

/// <summary>An organization project as listed by <c>/organization/projects</c>.</summary>
public sealed record Project(string Id, string Name, string Status, DateTimeOffset? CreatedAt, DateTimeOffset? ArchivedAt);

/// <summary>A configured per-model cap of a project (not live use).</summary>
public sealed record ProjectRateLimit(
    string Id,
    string Model,
    long? MaxRequestsPerMinute,
    long? MaxTokensPerMinute,
    long? MaxImagesPerMinute,
    decimal? MaxAudioMegabytesPerMinute,
    long? MaxRequestsPerDay,
    long? BatchMaxInputTokensPerDay);
