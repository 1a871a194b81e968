using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Jobs;

internal sealed class JobRunStore(TableStore tables)
{
    private const int MaxErrorText = 8000;

    public async Task RecordAsync(string job, DateTimeOffset startedAt, DateTimeOffset endedAt, bool pastDue, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Runs, cancellationToken);
        var errors = string.Join('\n', outcome.Errors);
        await table.UpsertEntityAsync(
            new JobRunEntity
            {
                PartitionKey = job,
                RowKey = (DateTimeOffset.MaxValue.Ticks - startedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8],
                StartedAt = startedAt,
                EndedAt = endedAt,
                Succeeded = outcome.Succeeded,
                PastDue = pastDue,
                RowsWritten = outcome.RowsWritten,
                PagesRead = outcome.PagesRead,
                Transactions = outcome.Transactions,
                ErrorCount = outcome.Errors.Count,
                Errors = errors.Length == 0 ? null : errors.Length <= MaxErrorText ? errors : errors[..MaxErrorText],
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<IReadOnlyList<JobRunEntity>> LatestAsync(string job, int count, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Runs, cancellationToken);
        var runs = new List<JobRunEntity>(count);
        await foreach (var run in table.QueryAsync<JobRunEntity>(r => r.PartitionKey == job, maxPerPage: count, cancellationToken: cancellationToken))
        {
            runs.Add(run);
            if (runs.Count == count)
            {
                break;
            }
        }

        return runs;
    }
}
