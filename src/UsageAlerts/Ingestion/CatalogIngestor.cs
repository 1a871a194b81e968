using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Mirrors projects and their rate limits. A project's limits are replaced as a set, so a cap removed in OpenAI
/// disappears here too. Recorded as the stream <c>projects</c> for health: the run returns the state change, which
/// the job writes together with the other streams' it polls.
/// </summary>
internal sealed class CatalogIngestor(
    OpenAiAdminClient client,
    TableStore tables,
    TimeProvider timeProvider,
    ILogger<CatalogIngestor> logger)
{
    public const string StreamName = "projects";

    public async Task<(JobOutcome Outcome, Action<StreamStateEntity> State)> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
            var projects = new List<Project>();
            await foreach (var project in client.GetProjectsAsync(cancellationToken))
            {
                projects.Add(project);
            }

            var transactions = await TableBatchWriter.SubmitAsync(table, projects.Select(ToAction), cancellationToken);
            var limits = 0;
            foreach (var project in projects.Where(p => p.Status == "active"))
            {
                var (count, batches) = await ReplaceRateLimitsAsync(table, project.Id, cancellationToken);
                limits += count;
                transactions += batches;
            }

            IngestionLog.CatalogPolled(logger, projects.Count, limits);
            return (new JobOutcome(projects.Count + limits, 0, transactions, []),
                StreamStateStore.Success(timeProvider.GetUtcNow(), new StreamRunResult(StreamName, projects.Count + limits, 0, 0, 0)));
        }
        catch (OpenAiApiException exception)
        {
            IngestionLog.StreamFailed(logger, StreamName, exception.Kind.ToString(), exception.Message);
            return (JobOutcome.Failed($"{StreamName}: {exception.Message}"), StreamStateStore.Failure(timeProvider.GetUtcNow(), exception.Kind.ToString(), exception.Message));
        }
    }

    private async Task<(int Count, int Transactions)> ReplaceRateLimitsAsync(TableClient table, string projectId, CancellationToken cancellationToken)
    {
        var partition = CatalogRows.RateLimitPartition(projectId);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        try
        {
            await foreach (var limit in client.GetRateLimitsAsync(projectId, cancellationToken))
            {
                var row = ToRow(partition, projectId, limit);
                rows[row.RowKey] = row;
            }
        }
        catch (OpenAiApiException exception) when (exception.Kind == OpenAiErrorKind.NotFound)
        {
            // The project was deleted between listing and this call; its old limits go with it below.
        }

        var stale = new List<TableEntity>();
        await foreach (var existing in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (!rows.ContainsKey(existing.RowKey))
            {
                stale.Add(new TableEntity(partition, existing.RowKey) { ETag = Azure.ETag.All });
            }
        }

        var actions = rows.Values.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r))
            .Concat(stale.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r)));
        return (rows.Count, await TableBatchWriter.SubmitAsync(table, actions, cancellationToken));
    }

    private static TableTransactionAction ToAction(Project project)
    {
        var row = new TableEntity(CatalogRows.ProjectPartition, CatalogRows.ProjectRow(project.Id))
        {
            [CatalogRows.ProjectId] = project.Id,
            [CatalogRows.Name] = project.Name,
            [CatalogRows.Status] = project.Status,
            [CatalogRows.CreatedAt] = project.CreatedAt,
            [CatalogRows.ArchivedAt] = project.ArchivedAt,
        };
        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, row);
    }

    private static TableEntity ToRow(string partition, string projectId, ProjectRateLimit limit) => new(partition, CatalogRows.RateLimitRow(limit.Model))
    {
        [CatalogRows.ProjectId] = projectId,
        [CatalogRows.Model] = limit.Model,
        [CatalogRows.RateLimitId] = limit.Id,
        [CatalogRows.MaxRequestsPerMinute] = limit.MaxRequestsPerMinute,
        [CatalogRows.MaxTokensPerMinute] = limit.MaxTokensPerMinute,
        [CatalogRows.MaxImagesPerMinute] = limit.MaxImagesPerMinute,
        [CatalogRows.MaxRequestsPerDay] = limit.MaxRequestsPerDay,
        [CatalogRows.BatchMaxInputTokensPerDay] = limit.BatchMaxInputTokensPerDay,
    };
}
