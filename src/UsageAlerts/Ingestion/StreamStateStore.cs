using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Reads and changes stream state. Changes are read-modify-write with ETags: when two runs race, the loser
/// re-reads and re-applies its change, and watermarks only ever move forward.
/// </summary>
internal sealed class StreamStateStore(TableStore tables)
{
    private const int MaxAttempts = 5;

    public async Task<StreamStateEntity?> GetAsync(string stream, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Streams, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<StreamStateEntity>(StreamStateEntity.Partition, stream, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<IReadOnlyList<StreamStateEntity>> GetAllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Streams, cancellationToken);
        var states = new List<StreamStateEntity>();
        await foreach (var state in table.QueryAsync<StreamStateEntity>(s => s.PartitionKey == StreamStateEntity.Partition, cancellationToken: cancellationToken))
        {
            states.Add(state);
        }

        return states;
    }

    public static Action<StreamStateEntity> Advance(DateTimeOffset? watermark, DateTimeOffset? storedThrough) => state =>
    {
        state.Watermark = Later(state.Watermark, watermark);
        state.StoredThrough = Later(state.StoredThrough, storedThrough);
    };

    /// <param name="unavailable">True when the organization's API does not offer this optional endpoint (404).</param>
    public static Action<StreamStateEntity> Success(DateTimeOffset at, StreamRunResult result, bool unavailable = false) => state =>
    {
        state.LastAttemptAt = at;
        state.LastSuccessAt = at;
        state.LastError = null;
        state.LastErrorKind = null;
        state.ConsecutiveFailures = 0;
        state.LastRows = result.RowsWritten;
        state.LastSkippedResults = result.SkippedResults;
        state.Warning = result.Warning;
        state.Unavailable = unavailable;
    };

    /// <summary>Records that OpenAI refused <paramref name="dropped"/> (null: the full grouping works again).</summary>
    public Task RecordReducedGroupingAsync(string stream, string? dropped, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(stream, state =>
        {
            state.ReducedGroupBy = dropped;
            state.RicherGroupingRetryAt = retryAt;
        }, cancellationToken);

    public static Action<StreamStateEntity> Failure(DateTimeOffset at, string errorKind, string error) => state =>
    {
        state.LastAttemptAt = at;
        state.LastError = error;
        state.LastErrorKind = errorKind;
        state.ConsecutiveFailures++;
    };

    /// <summary>
    /// Writes the final states of a job's streams as one batch (they share a partition), each with the ETag it was
    /// read with. When any of them changed meanwhile the batch fails whole, and each change is then applied on its
    /// own by read-modify-write.
    /// </summary>
    public async Task CommitAllAsync(IReadOnlyCollection<(string Stream, StreamStateEntity? Known, Action<StreamStateEntity> Change)> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var table = await tables.GetAsync(TableName.Streams, cancellationToken);
        var actions = changes.Select(c =>
        {
            var state = c.Known ?? new StreamStateEntity { RowKey = c.Stream };
            c.Change(state);
            return c.Known is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, c.Known.ETag);
        }).ToList();
        try
        {
            foreach (var batch in TableBatchWriter.Plan(actions))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another writer got there first (a refused grouping recorded, a concurrent run): one by one on top of theirs.
            foreach (var (stream, _, change) in changes)
            {
                await UpdateAsync(stream, change, cancellationToken);
            }
        }
    }

    private async Task UpdateAsync(string stream, Action<StreamStateEntity> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Streams, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var state = await GetAsync(stream, cancellationToken);
            try
            {
                if (state is null)
                {
                    state = new StreamStateEntity { RowKey = stream };
                    change(state);
                    await table.AddEntityAsync(state, cancellationToken);
                }
                else
                {
                    change(state);
                    await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another run changed the row first: read its version and apply this change on top.
            }
        }
    }

    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        current is { } c && (candidate is null || c > candidate) ? c : candidate;
}
