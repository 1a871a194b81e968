using UsageAlerts.Ingestion;

namespace UsageAlerts.Pricing;

/// <summary>When the daily stream of each one-minute stream was last read: where the minutes priced on top of it start.</summary>
internal sealed class DailyReads(IReadOnlyDictionary<string, DateTimeOffset?> byStream)
{
    public DateTimeOffset? Of(StreamDefinition recentStream) => byStream.GetValueOrDefault(recentStream.KeyPrefix);
}
