using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Bench;

/// <summary>
/// Writes a large organization's daily usage and costs, day by day, in the exact layout ingestion writes (through its
/// mappers, with the day packs): completions by project, model and key; embeddings; vector stores; costs per model line
/// item and tools. Rows are written for the last <see cref="BenchSettings.RowDays"/> days only: summaries read packs,
/// rows only for days without one, and writing a year of rows into Azurite takes most of an hour.
/// </summary>
internal static class LargeOrganization
{
    private static readonly string[] CostParts = ["input", "output", "cached input"];

    public static async Task<long> SeedAsync(TableStore tables, StreamStateStore states, BenchSettings settings, DateOnly lastDay)
    {
        var streams = new StreamCatalog(Options.Create(new IngestionOptions()));
        var usage = await tables.GetAsync(TableName.Usage);
        var costs = await tables.GetAsync(TableName.Costs);
        var rollups = await tables.GetAsync(TableName.Rollups);
        var catalog = await tables.GetAsync(TableName.Catalog);
        await TableBatchWriter.SubmitAsync(catalog, Enumerable.Range(0, settings.Projects).Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity(CatalogRows.ProjectPartition, CatalogRows.ProjectRow(Project(p))) { [CatalogRows.ProjectId] = Project(p), [CatalogRows.Name] = $"Team {p}" })), default);

        long rows = 0, packedDays = 0;
        var watch = Stopwatch.StartNew();
        var days = Enumerable.Range(0, settings.Days).Select(i => lastDay.AddDays(-i));
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (day, token) =>
        {
            var random = new Random(day.DayNumber);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var bucket = (Start: start, End: start.AddDays(1));
            var completions = new List<UsageResult>();
            var embeddings = new List<UsageResult>();
            var stores = new List<UsageResult>();
            var lines = new List<CostResult>();
            for (var p = 0; p < settings.Projects; p++)
            {
                stores.Add(new UsageResult("vector_stores", new UsageDimensions(Project(p)), new Dictionary<string, long> { ["usage_bytes"] = random.NextInt64(1, 1 << 30) }));
                for (var k = 0; k < settings.KeysPerProject; k++)
                {
                    var key = $"key_{p}_{k}";
                    embeddings.Add(new UsageResult("embeddings", new UsageDimensions(Project(p), "text-embedding-3-small", key), Metrics(random, "input_tokens", "num_model_requests")));
                    lines.Add(new CostResult(Amount(random), "usd", "assistants api | file search", Project(p), key, null, null));
                    lines.Add(new CostResult(Amount(random), "usd", "web search tool calls", Project(p), key, null, null));
                    for (var m = 0; m < settings.ModelsPerProject; m++)
                    {
                        var model = $"model-{(p + m) % settings.Models}-2026-01-01";
                        completions.Add(new UsageResult("completions", new UsageDimensions(Project(p), model, key),
                            Metrics(random, "input_tokens", "output_tokens", "input_cached_tokens", "input_audio_tokens", "output_audio_tokens", "num_model_requests")));
                        foreach (var part in CostParts)
                        {
                            lines.Add(new CostResult(Amount(random), "usd", $"{model}, {part}", Project(p), key, null, null));
                        }
                    }
                }
            }

            (StreamDefinition Stream, List<UsageResult> Results)[] daily = [(Stream(streams, "completions.1d"), completions), (Stream(streams, "embeddings.1d"), embeddings), (Stream(streams, "vector_stores.1d"), stores)];
            var buckets = daily.Select(d => (d.Stream, Bucket: UsageBucketSource.ToStored(d.Stream, new Bucket<UsageResult>(bucket.Start, bucket.End, d.Results)))).ToList();
            var costBucket = CostBucketSource.ToStored(streams.Costs, new Bucket<CostResult>(bucket.Start, bucket.End, lines));
            if (day > lastDay.AddDays(-settings.RowDays))
            {
                await TableBatchWriter.SubmitAsync(usage, buckets.SelectMany(b => b.Bucket.Rows).Select(Upsert), token);
                await TableBatchWriter.SubmitAsync(costs, costBucket.Rows.Select(Upsert), token);
                Interlocked.Add(ref rows, buckets.Sum(b => b.Bucket.Rows.Count) + costBucket.Rows.Count);
            }

            // What ingestion writes with each daily bucket: its pack.
            var packs = buckets.Select(b => DayPacks.For(b.Stream, b.Bucket)).Append(DayPacks.For(streams.Costs, costBucket));
            await TableBatchWriter.SubmitAsync(rollups, packs.Select(Upsert), token);
            Interlocked.Increment(ref packedDays);
        });
        // Ingestion has stored every closed day, so months before the re-poll window are sealed and may be rolled up.
        var watermark = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var stream in streams.Usage.Where(s => s.Width == BucketWidth.Day).Append(streams.Costs))
        {
            await states.CommitAllAsync([(stream.Name, null, StreamStateStore.Advance(watermark, watermark))], default);
        }

        Console.WriteLine($"seeded {packedDays:N0} days of packs and {rows:N0} rows (the last {Math.Min(settings.RowDays, settings.Days)} days) in {watch.Elapsed.TotalSeconds:N1} s");
        return rows;
    }

    private static string Project(int index) => $"proj_{index:000}";

    private static StreamDefinition Stream(StreamCatalog streams, string name) => streams.Usage.Single(s => s.Name == name);

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertReplace, row);

    private static Dictionary<string, long> Metrics(Random random, params string[] names) => names.ToDictionary(n => n, _ => random.NextInt64(0, 1_000_000));

    private static decimal Amount(Random random) => Math.Round((decimal)random.NextDouble() * 5m, 12);
}
