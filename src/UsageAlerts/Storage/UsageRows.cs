using System.Globalization;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Storage;

/// <summary>
/// Key and column layout of usage rows. Partition: stream and UTC day, so a date range reads an ordered run of
/// partitions and one day of a stream is one batchable unit. Row: bucket start time then the group, so an
/// upsert of the same bucket and group replaces, never adds.
/// </summary>
internal static class UsageRows
{
    public const string BucketStart = nameof(BucketStart);
    public const string BucketEnd = nameof(BucketEnd);
    public const string ProjectId = nameof(ProjectId);
    public const string Model = nameof(Model);
    public const string ApiKeyId = nameof(ApiKeyId);
    public const string Batch = nameof(Batch);
    public const string ServiceTier = nameof(ServiceTier);
    public const string Size = nameof(Size);
    public const string ContextLevel = nameof(ContextLevel);

    /// <summary>
    /// Groupings that are priced apart (batch, service tier, image size, web search context level), kept apart in
    /// rows that have them.
    /// </summary>
    public static readonly IReadOnlyList<string> PricedApart = ["batch", "service_tier", "size", "context_level"];

    public static string Partition(string stream, DateTimeOffset day) =>
        $"{stream}{KeyEncoder.Separator}{day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    public static string BucketPrefix(DateTimeOffset bucketStart) =>
        bucketStart.UtcDateTime.ToString("HHmm", CultureInfo.InvariantCulture) + KeyEncoder.Separator;

    /// <summary>
    /// Streams grouped by a dimension that is priced apart (<see cref="PricedApart"/>) add those to the key, so their
    /// groups stay apart; other streams keep the three-part key.
    /// </summary>
    public static string Row(DateTimeOffset bucketStart, UsageDimensions dimensions, bool pricedApart = false) =>
        BucketPrefix(bucketStart) + (pricedApart
            ? KeyEncoder.Join(dimensions.ProjectId, dimensions.Model, dimensions.ApiKeyId, dimensions.Batch, dimensions.ServiceTier, dimensions.Size, dimensions.ContextLevel)
            : KeyEncoder.Join(dimensions.ProjectId, dimensions.Model, dimensions.ApiKeyId));
}
