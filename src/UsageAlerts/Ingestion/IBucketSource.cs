namespace UsageAlerts.Ingestion;

/// <summary>
/// Reads a stream's buckets from <c>start</c> up to OpenAI's own "now", one at a time in time order, already shaped
/// as rows. No source sends an <c>end_time</c>: the live API refuses one later than its clock, and this host's may
/// run ahead.
/// </summary>
internal interface IBucketSource
{
    IAsyncEnumerable<StoredBucket> ReadAsync(StreamDefinition stream, DateTimeOffset start, SourceReport report, CancellationToken cancellationToken);
}
