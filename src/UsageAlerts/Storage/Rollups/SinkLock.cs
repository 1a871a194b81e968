namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Sinks are not thread-safe and streams are read concurrently: records are decoded outside the lock and handed
/// over under it, a page at a time.
/// </summary>
internal static class SinkLock
{
    public static void Add(ISummarySink sink, List<UsageRecord> usage, List<CostRecord> costs)
    {
        lock (sink)
        {
            usage.ForEach(sink.Add);
            costs.ForEach(sink.Add);
        }
    }
}
