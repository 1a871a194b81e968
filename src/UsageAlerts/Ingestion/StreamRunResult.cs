namespace UsageAlerts.Ingestion;

/// <summary>What one stream's poll did, for run records and benchmarks.</summary>
internal sealed record StreamRunResult(string Stream, long RowsWritten, long RowsDeleted, int PagesRead, int Transactions)
{
    public static StreamRunResult Empty(string stream) => new(stream, 0, 0, 0, 0);
}
