namespace UsageAlerts.Ingestion;

/// <summary>
/// How far one stream's run has stored, kept as it goes so that a run that fails still records its progress. The
/// state change is not written by the run itself: a job writes its streams' states together at its end.
/// </summary>
internal sealed class StreamProgress(StreamStateEntity? known)
{
    private readonly HashSet<DateOnly> _days = [];

    /// <summary>The state as read at the start of the job (null: the stream has none yet).</summary>
    public StreamStateEntity? Known { get; } = known;

    /// <summary>Every bucket ending at or before this is stored and closed.</summary>
    public DateTimeOffset? Watermark { get; private set; }

    /// <summary>End of the latest bucket anything may have been written for.</summary>
    public DateTimeOffset? StoredThrough { get; private set; }

    /// <summary>Days whose daily buckets this run wrote (to be marked for pricing before the watermark moves past them).</summary>
    public IReadOnlyCollection<DateOnly> Days => _days;

    public void Writing(DateTimeOffset bucketEnd, DateOnly? day)
    {
        StoredThrough = StoredThrough is { } known && known > bucketEnd ? known : bucketEnd;
        if (day is { } d)
        {
            _days.Add(d);
        }
    }

    /// <summary>Buckets through <paramref name="storedThrough"/> are stored; the watermark never passes the open bucket.</summary>
    public void Stored(DateTimeOffset? storedThrough, DateTimeOffset openBucketStart)
    {
        if (storedThrough is { } end)
        {
            Watermark = end < openBucketStart ? end : openBucketStart;
        }
    }

    /// <summary>The run's progress followed by <paramref name="outcome"/> (its success or failure).</summary>
    public Action<StreamStateEntity> Then(Action<StreamStateEntity> outcome) =>
        StoredThrough is null ? outcome : StreamStateStore.Advance(Watermark, StoredThrough) + outcome;
}
