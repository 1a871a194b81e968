using System.Diagnostics;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Bench;

/// <summary>
/// Azurite's own pace at the writes ingestion makes: full batches of usage-shaped rows, one partition each, into a
/// scratch table through the app's batch writer, as many at once as ingestion polls streams. The ceiling that
/// ingestion's rows per second are compared with.
/// </summary>
internal static class AzuriteBaseline
{
    private static readonly string[] Metrics = ["input_tokens", "output_tokens", "input_cached_tokens", "input_audio_tokens", "output_audio_tokens", "num_model_requests"];

    /// <summary>Rows written untimed first, so neither side's JIT is measured.</summary>
    private const int WarmUpRows = 5_000;

    public static async Task<double> RowsPerSecondAsync(TableServiceClient service, string tableName, int rows, int concurrency)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync();
        try
        {
            await WriteAsync(table, Batches(0, WarmUpRows), concurrency);
            var batches = Batches(WarmUpRows / TableBatchWriter.MaxActionsPerBatch, rows);
            var clock = Stopwatch.StartNew();
            await WriteAsync(table, batches, concurrency);
            return batches.Sum(b => b.Count) / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    private static Task WriteAsync(TableClient table, List<List<TableTransactionAction>> batches, int concurrency) =>
        Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (batch, token) =>
            await TableBatchWriter.SubmitAsync(table, batch, token));

    /// <summary>Full batches, one partition each, numbered from <paramref name="firstPartition"/>.</summary>
    private static List<List<TableTransactionAction>> Batches(int firstPartition, int rows) =>
        [.. Enumerable.Range(firstPartition, rows / TableBatchWriter.MaxActionsPerBatch).Select(p => Enumerable.Range(0, TableBatchWriter.MaxActionsPerBatch)
            .Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(p, r))).ToList())];

    private static TableEntity Row(int partition, int row)
    {
        var bucket = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(partition);
        var entity = new TableEntity($"completions.1d|{partition:D5}", $"0000|proj_{row % 50:D3}|gpt-4o-mini-2024-07-18|key_{row:D4}")
        {
            [UsageRows.BucketStart] = bucket,
            [UsageRows.BucketEnd] = bucket.AddDays(1),
            [UsageRows.ProjectId] = $"proj_{row % 50:D3}",
            [UsageRows.Model] = "gpt-4o-mini-2024-07-18",
            [UsageRows.ApiKeyId] = $"key_{row:D4}",
        };
        foreach (var metric in Metrics)
        {
            entity[metric] = (long)(partition * row);
        }

        return entity;
    }
}
