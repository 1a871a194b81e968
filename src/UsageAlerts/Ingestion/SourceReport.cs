namespace UsageAlerts.Ingestion;

/// <summary>
/// What a source noticed while reading one stream's window that is not an error: results it skipped, and a
/// degraded way of reading (shown on health as a warning, never as a failure).
/// </summary>
internal sealed class SourceReport
{
    private int _skippedResults;
    private int _lastPage;

    public int SkippedResults => _skippedResults;

    /// <summary>Pages that held buckets (a read started again, as after a refused grouping, counts its pages too).</summary>
    public int Pages { get; private set; }

    public string? Warning { get; set; }

    public void Skipped(int results) => Interlocked.Add(ref _skippedResults, results);

    /// <summary>Counts one bucket read on page <paramref name="page"/> of the current read.</summary>
    public void Read<T>(OpenAi.Bucket<T> bucket)
    {
        Skipped(bucket.SkippedResults);
        if (bucket.Page != _lastPage)
        {
            Pages++;
            _lastPage = bucket.Page;
        }
    }

}
