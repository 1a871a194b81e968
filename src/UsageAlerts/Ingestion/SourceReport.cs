namespace UsageAlerts.Ingestion;

/// <summary>
/// What a source noticed while reading one stream's window that is not an error: results it skipped, and a
/// degraded way of reading (shown on health as a warning, never as a failure).
/// </summary>
internal sealed class SourceReport
{
    private int _skippedResults;

    public int SkippedResults => _skippedResults;

    public string? Warning { get; set; }

    public void Skipped(int results) => Interlocked.Add(ref _skippedResults, results);
}
