using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Table Storage has no TTL, so fine-grained rows are swept: whole day partitions before the cut-off day, and the
/// rows of the cut-off day whose bucket starts before the cut-off time, with those minutes' summaries
/// (<see cref="MinuteSummaries"/>, keyed <c>~HHmm</c>).
/// </summary>
internal sealed class RowExpiry(
    TableStore tables,
    StreamCatalog catalog,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<RowExpiry> logger)
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var outcomes = new List<JobOutcome>();
        foreach (var stream in catalog.RecentUsage.Concat(catalog.Usage.Where(s => s.Width == BucketWidth.Hour)))
        {
            var retention = stream.Width == BucketWidth.Minute
                ? TimeSpan.FromHours(options.Value.MinuteRetentionHours)
                : TimeSpan.FromDays(options.Value.HourlyRetentionDays);
            outcomes.Add(await ExpireAsync(table, stream, now - retention, cancellationToken));
        }

        return JobOutcome.Combine(outcomes);
    }

    private async Task<JobOutcome> ExpireAsync(TableClient table, StreamDefinition stream, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var firstPartition = stream.KeyPrefix + KeyEncoder.Separator;
        var cutoffPartition = UsageRows.Partition(stream.KeyPrefix, cutoff);
        var cutoffRow = cutoff.UtcDateTime.ToString("HHmm", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter(
            $"(PartitionKey ge {firstPartition} and PartitionKey lt {cutoffPartition}) or (PartitionKey eq {cutoffPartition} and RowKey lt {cutoffRow}) or (PartitionKey eq {cutoffPartition} and RowKey ge {MinuteSummaries.RowsEnd} and RowKey lt {MinuteSummaries.RowsEnd + cutoffRow})");
        var expired = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            expired.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey) { ETag = Azure.ETag.All }));
        }

        var transactions = await TableBatchWriter.SubmitAsync(table, expired, cancellationToken);
        IngestionLog.Expired(logger, stream.Name, expired.Count);
        return new JobOutcome(expired.Count, 0, transactions, []);
    }
}
