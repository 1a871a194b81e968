namespace UsageAlerts.Simulator.Aggregation;

/// <summary>
/// Per-aggregation buffers, plus the minute prefix of the last (stream, hour) asked for: consecutive 1m buckets
/// of one stream fall in the same hour, so it is computed once per hour, not once per minute.
/// </summary>
internal sealed class MinuteScratch(int components)
{
    private readonly long[] _prefix = new long[components * 61];
    private (UsageSource? Source, int Stream, long Hour, DataWindow Window) _cached = (null, -1, -1, default);

    public long[] Hour { get; } = new long[components];

    public int[] Cumulative { get; } = new int[61];

    public long[] Minutes { get; } = new long[components * 60];

    public long[] Prefix(UsageSource source, Catalog.UsageStream stream, long hour, DataWindow window)
    {
        var key = (source, stream.Index, hour, window);
        if (_cached != key)
        {
            source.MinutePrefix(stream, hour, window, this, _prefix);
            _cached = key;
        }

        return _prefix;
    }
}
