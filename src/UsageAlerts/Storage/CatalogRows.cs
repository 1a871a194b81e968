namespace UsageAlerts.Storage;

/// <summary>
/// Layout of the catalog table: projects in one partition (a few hundred rows at most), and each project's rate
/// limits in a partition of their own, so one project's limits are replaced in one batch.
/// </summary>
internal static class CatalogRows
{
    public const string ProjectPartition = "project";
    public const string Name = nameof(Name);
    public const string Status = nameof(Status);
    public const string CreatedAt = nameof(CreatedAt);
    public const string ArchivedAt = nameof(ArchivedAt);
    public const string ProjectId = nameof(ProjectId);
    public const string Model = nameof(Model);
    public const string RateLimitId = nameof(RateLimitId);
    public const string MaxRequestsPerMinute = nameof(MaxRequestsPerMinute);
    public const string MaxTokensPerMinute = nameof(MaxTokensPerMinute);
    public const string MaxImagesPerMinute = nameof(MaxImagesPerMinute);
    public const string MaxRequestsPerDay = nameof(MaxRequestsPerDay);
    public const string BatchMaxInputTokensPerDay = nameof(BatchMaxInputTokensPerDay);

    public static string ProjectRow(string projectId) => KeyEncoder.Segment(projectId);

    public static string RateLimitPartition(string projectId) => "ratelimit" + KeyEncoder.Separator + KeyEncoder.Segment(projectId);

    public static string RateLimitRow(string model) => KeyEncoder.Segment(model);
}
