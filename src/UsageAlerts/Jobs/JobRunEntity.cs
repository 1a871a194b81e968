using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Jobs;

/// <summary>One job run. Row keys count down, so the newest run of a job is the first row of its partition.</summary>
internal sealed class JobRunEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public bool Succeeded { get; set; }

    public bool PastDue { get; set; }

    public long RowsWritten { get; set; }

    public int PagesRead { get; set; }

    public int Transactions { get; set; }

    public int ErrorCount { get; set; }

    /// <summary>The first errors, cut to fit a table property.</summary>
    public string? Errors { get; set; }
}
