using Microsoft.Extensions.Options;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Every stream the app polls: daily history and hourly "today" for each usage endpoint, one-minute buckets for
/// the endpoints rate limits apply to, and daily costs.
/// </summary>
internal sealed class StreamCatalog(IOptions<IngestionOptions> options)
{
    public const string CostsStreamName = "costs.1d";

    private static readonly UsageKind[] MinuteKinds = [UsageKind.Completions, UsageKind.Embeddings];

    public IReadOnlyList<StreamDefinition> All => [.. Usage, .. RecentUsage, Costs];

    public IReadOnlyList<StreamDefinition> Usage
    {
        get
        {
            var o = options.Value;
            return [.. EnabledKinds().SelectMany(kind => new[]
            {
                new StreamDefinition(UsageStreamName(kind, BucketWidth.Day), StreamSource.Usage, kind, BucketWidth.Day, kind.GroupBy,
                    TimeSpan.FromDays(o.BackfillDays), TimeSpan.FromDays(o.DailyRepollDays), ResumeBeyondBackfill: true),
                new StreamDefinition(UsageStreamName(kind, BucketWidth.Hour), StreamSource.Usage, kind, BucketWidth.Hour, kind.GroupBy,
                    TimeSpan.FromHours(o.HourlyWindowHours), TimeSpan.FromHours(o.HourlyRepollHours), ResumeBeyondBackfill: false),
            })];
        }
    }

    /// <summary>Headroom needs per-minute peaks by project and model; API keys would only multiply rows.</summary>
    public IReadOnlyList<StreamDefinition> RecentUsage
    {
        get
        {
            var o = options.Value;
            return [.. EnabledKinds().Where(MinuteKinds.Contains).Select(kind =>
                new StreamDefinition(UsageStreamName(kind, BucketWidth.Minute), StreamSource.RecentUsage, kind, BucketWidth.Minute, ["project_id", "model"],
                    TimeSpan.FromMinutes(o.MinuteWindowMinutes), TimeSpan.FromMinutes(o.MinuteRepollMinutes), ResumeBeyondBackfill: false))];
        }
    }

    public StreamDefinition Costs => new(
        CostsStreamName, StreamSource.Costs, null, BucketWidth.Day, ["project_id", "line_item", "api_key_id"],
        TimeSpan.FromDays(options.Value.BackfillDays), TimeSpan.FromDays(options.Value.DailyRepollDays), ResumeBeyondBackfill: true)
    {
        OptionalGroupBy = ["api_key_id"],
    };

    public static string UsageStreamName(UsageKind kind, BucketWidth width) => $"{kind.Name}.{width.ToApiValue()}";

    private IEnumerable<UsageKind> EnabledKinds()
    {
        var wanted = options.Value.Kinds;
        return wanted.Count == 0 ? UsageKind.All : UsageKind.All.Where(k => wanted.Contains(k.Name, StringComparer.Ordinal));
    }
}
