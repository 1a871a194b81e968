namespace UsageAlerts.Ingestion;

/// <summary>Reads a stream's buckets for a window from the API, page by page, already shaped as rows.</summary>
internal interface IBucketSource
{
    IAsyncEnumerable<IReadOnlyList<StoredBucket>> ReadAsync(StreamDefinition stream, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken);
}
