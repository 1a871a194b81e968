namespace UsageAlerts.Ingestion;

/// <summary>What one stream's poll did, for run records, health and benchmarks.</summary>
internal sealed record StreamRunResult(string Stream, long RowsWritten, long RowsDeleted, int PagesRead, int Transactions)
{
    /// <summary>Rows read again that equal what is stored, so not written.</summary>
    public long RowsUnchanged { get; init; }

    /// <summary>Results the source skipped (see <see cref="SourceReport"/>).</summary>
    public int SkippedResults { get; init; }

    /// <summary>A degraded way of reading the source reported; null when all is as it should be.</summary>
    public string? Warning { get; init; }

    public static StreamRunResult Empty(string stream) => new(stream, 0, 0, 0, 0);
}
