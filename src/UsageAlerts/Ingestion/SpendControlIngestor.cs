using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Mirrors OpenAI's own spend controls: the organization's and each active project's hard spend limit and spend
/// alerts, a few projects at a time. A limit or alert list that is not configured (404) or that the admin key may
/// not read (403) is a state to store and show, not a failure, so it never makes monitoring look blind. Any other
/// failure keeps that scope's last stored row and is recorded on the stream <c>spend_controls</c> (the run returns
/// the state change; the job writes it with the other streams').
/// </summary>
internal sealed class SpendControlIngestor(
    OpenAiAdminClient client,
    CatalogReader catalog,
    TableStore tables,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<SpendControlIngestor> logger)
{
    public const string StreamName = "spend_controls";

    public async Task<(JobOutcome Outcome, Action<StreamStateEntity> State)> RunAsync(CancellationToken cancellationToken)
    {
        var projects = await catalog.ActiveProjectIdsAsync(cancellationToken);
        var read = new ConcurrentBag<SpendControlRecord>();
        var failures = new ConcurrentBag<OpenAiApiException>();
        await Parallel.ForEachAsync(
            projects.Prepend(null),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.StreamConcurrency, CancellationToken = cancellationToken },
            async (projectId, token) =>
            {
                try
                {
                    read.Add(await ReadScopeAsync(projectId, token));
                }
                catch (OpenAiApiException exception)
                {
                    failures.Add(exception);
                }
            });

        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var keep = read.Select(r => SpendControlRows.Row(r.ProjectId))
            .Concat(projects.Prepend(null).Where(p => !read.Any(r => r.ProjectId == p)).Select(SpendControlRows.Row))
            .ToHashSet(StringComparer.Ordinal);
        var stale = new List<TableTransactionAction>();
        await foreach (var existing in table.QueryAsync<TableEntity>(e => e.PartitionKey == SpendControlRows.Partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains(existing.RowKey))
            {
                stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(SpendControlRows.Partition, existing.RowKey) { ETag = Azure.ETag.All }));
            }
        }

        var transactions = await TableBatchWriter.SubmitAsync(
            table,
            read.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, SpendControlRows.ToEntity(r))).Concat(stale),
            cancellationToken);
        var now = timeProvider.GetUtcNow();
        var limits = read.Count(r => r.LimitState == SpendControlState.Set);
        var unreadable = read.Count(r => r.LimitState == SpendControlState.NoPermission || r.AlertsState == SpendControlState.NoPermission);
        IngestionLog.SpendControlsPolled(logger, read.Count, limits, unreadable);
        if (failures.OrderBy(f => f.Message, StringComparer.Ordinal).FirstOrDefault() is { } first)
        {
            var error = $"{failures.Count} of {projects.Count + 1} scopes unread (their last values kept); first: {first.Message}";
            IngestionLog.StreamFailed(logger, StreamName, first.Kind.ToString(), error);
            return (new JobOutcome(read.Count, 0, transactions, [$"{StreamName}: {error}"]), StreamStateStore.Failure(now, first.Kind.ToString(), error));
        }

        return (new JobOutcome(read.Count, 0, transactions, []), StreamStateStore.Success(now, new StreamRunResult(StreamName, read.Count, stale.Count, 0, transactions)));
    }

    private async Task<SpendControlRecord> ReadScopeAsync(string? projectId, CancellationToken cancellationToken)
    {
        var (limitState, limit) = await ReadStateAsync(
            () => projectId is null ? client.GetOrganizationSpendLimitAsync(cancellationToken) : client.GetProjectSpendLimitAsync(projectId, cancellationToken));
        var (alertsState, alerts) = await ReadStateAsync(async () =>
        {
            var list = new List<SpendAlert>();
            await foreach (var alert in projectId is null ? client.GetOrganizationSpendAlertsAsync(cancellationToken) : client.GetProjectSpendAlertsAsync(projectId, cancellationToken))
            {
                list.Add(alert);
            }

            return list;
        });

        // OpenAI's documented "nothing configured" answer is a zero threshold (the minimum it accepts is one cent).
        var set = limitState == SpendControlState.Set && limit!.ThresholdUsd > 0;
        return new SpendControlRecord(
            projectId,
            limitState == SpendControlState.Set && !set ? SpendControlState.NotSet : limitState,
            set ? limit!.ThresholdUsd : null,
            set ? limit!.Enforcement : null,
            alertsState == SpendControlState.Set && alerts!.Count == 0 ? SpendControlState.NotSet : alertsState,
            [.. (alerts ?? []).OrderBy(a => a.ThresholdUsd)],
            timeProvider.GetUtcNow());
    }

    /// <summary>404 and 403 are answers about the scope; 401 (the key itself is rejected) and the rest are failures.</summary>
    private static async Task<(SpendControlState State, T? Value)> ReadStateAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return (SpendControlState.Set, await read());
        }
        catch (OpenAiApiException exception) when (exception.StatusCode == 404)
        {
            return (SpendControlState.NotSet, null);
        }
        catch (OpenAiApiException exception) when (exception.StatusCode == 403)
        {
            return (SpendControlState.NoPermission, null);
        }
    }
}
