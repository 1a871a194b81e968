using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

/// <summary>
/// A small organization's history, generated deterministically, kept as ground truth and written to storage through
/// the ingestion mappers (so the rows have exactly the layout ingestion writes).
/// </summary>
internal sealed class SeededOrganization
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 20, TimeSpan.Zero);
    public static readonly DateOnly FirstDay = D("2026-09-25");
    public static readonly DateOnly Today = D("2026-11-23");

    /// <summary>The first day stored with its day pack.</summary>
    public static readonly DateOnly PackedFrom = D("2026-10-10");

    public static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>
    {
        ["proj_alpha"] = "Alpha, \"Inc\"",
        ["proj_beta"] = "<Beta & Co> =1+1",
        ["proj_gamma"] = "Gamma\nsecond line",
    };

    public static readonly string[] Models = ["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "o3"];

    private static readonly StreamCatalog Streams = new(Options.Create(new IngestionOptions()));

    public List<(DateOnly Day, string Kind, string Project, string? Model, string? ApiKey, Dictionary<string, long> Metrics)> Usage { get; } = [];

    public List<(DateOnly Day, string? Project, string LineItem, string? ApiKey, decimal Amount)> Costs { get; } = [];

    /// <summary>One-minute completions: (minute, project, model, requests, tokens).</summary>
    public List<(DateTimeOffset Minute, string Project, string Model, long Requests, long Tokens)> Minutes { get; } = [];

    public static SeededOrganization Generate()
    {
        var random = new Random(20261123);
        var org = new SeededOrganization();
        for (var day = FirstDay; day <= Today; day = day.AddDays(1))
        {
            foreach (var project in Projects.Keys)
            {
                var key = "key_" + project[5..];
                foreach (var model in Models.Where(_ => random.NextDouble() < 0.8))
                {
                    var input = random.NextInt64(1, 2_000_000);
                    org.Usage.Add((day, "completions", project, model, key, new()
                    {
                        ["input_tokens"] = input,
                        ["output_tokens"] = random.NextInt64(0, 300_000),
                        ["input_cached_tokens"] = random.NextInt64(0, input),
                        ["input_audio_tokens"] = random.NextInt64(0, 1_000),
                        ["output_audio_tokens"] = random.NextInt64(0, 1_000),
                        ["num_model_requests"] = random.NextInt64(1, 5_000),
                        ["input_uncached_tokens"] = random.NextInt64(0, 100),
                    }));
                    org.Costs.Add((day, project, $"{model}, input", key, Amount(random)));
                    org.Costs.Add((day, project, $"{model}, output", key, Amount(random)));
                }

                org.Usage.Add((day, "embeddings", project, "text-embedding-3-small", key, new() { ["input_tokens"] = random.NextInt64(0, 5_000_000), ["num_model_requests"] = random.NextInt64(1, 900) }));
                org.Usage.Add((day, "vector_stores", project, null, null, new() { ["usage_bytes"] = random.NextInt64(1_000, 9_000_000) }));
                org.Costs.Add((day, project, "assistants api | file search", null, Amount(random)));
            }

            // Org-level lines: a credit and an eval without a project.
            org.Costs.Add((day, null, "evals | o3, input", null, -Amount(random) / 10));
        }

        for (var minute = Now.AddMinutes(-90); minute <= Now; minute = minute.AddMinutes(1))
        {
            var start = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 0, TimeSpan.Zero);
            foreach (var model in new[] { "gpt-4o-2024-08-06", "gpt-4o-2024-11-20", "gpt-4o-mini-2024-07-18" })
            {
                org.Minutes.Add((start, "proj_alpha", model, random.NextInt64(0, 40), random.NextInt64(0, 20_000)));
            }

            org.Minutes.Add((start, "proj_beta", "o3", random.NextInt64(0, 10), random.NextInt64(0, 5_000)));
        }

        return org;
    }

    public async Task WriteAsync(SummariesHost host)
    {
        var usage = Usage.GroupBy(u => (u.Kind, u.Day)).Select(g =>
        {
            var stream = Streams.Usage.Single(s => s.Name == $"{g.Key.Kind}.1d");
            return (Stream: stream, Bucket: UsageBucketSource.ToStored(stream, new Bucket<UsageResult>(Periods.Midnight(g.Key.Day), Periods.Midnight(g.Key.Day.AddDays(1)),
                [.. g.Select(u => new UsageResult(u.Kind, new UsageDimensions(u.Project, u.Model, u.ApiKey), u.Metrics))])));
        }).ToList();
        var minutes = Minutes.GroupBy(m => m.Minute).SelectMany(g => UsageBucketSource.ToStored(
            Streams.RecentUsage.Single(s => s.Name == "completions.1m"),
            new Bucket<UsageResult>(g.Key, g.Key.AddMinutes(1),
                [.. g.Select(m => new UsageResult("completions", new UsageDimensions(m.Project, m.Model), new Dictionary<string, long>
                {
                    ["num_model_requests"] = m.Requests,
                    ["input_tokens"] = m.Tokens / 4,
                    ["output_tokens"] = m.Tokens - (m.Tokens / 4),
                }))])).Rows);
        var costs = Costs.GroupBy(c => c.Day).Select(g => (Stream: Streams.Costs, Bucket: CostBucketSource.ToStored(
            Streams.Costs,
            new Bucket<CostResult>(Periods.Midnight(g.Key), Periods.Midnight(g.Key.AddDays(1)),
                [.. g.Select(c => new CostResult(c.Amount, "usd", c.LineItem, c.Project, c.ApiKey, null, null))])))).ToList();

        await host.WriteAsync(TableName.Usage, usage.SelectMany(u => u.Bucket.Rows).Concat(minutes));
        await host.WriteAsync(TableName.Costs, costs.SelectMany(c => c.Bucket.Rows));

        // Days before PackedFrom were stored without packs (as by a version before packs), so reads fall back to rows.
        await host.WriteAsync(TableName.Rollups, usage.Concat(costs).Where(b => Periods.Day(b.Bucket.Start) >= PackedFrom).Select(b => DayPacks.For(b.Stream, b.Bucket)));
        await host.WriteAsync(TableName.Catalog, Catalog());

        // Ingestion has stored every closed day: with the default re-poll of 3 days, October is final (sealed).
        var states = host.Services.GetRequiredService<StreamStateStore>();
        foreach (var stream in Streams.Usage.Where(s => s.Width == BucketWidth.Day).Append(Streams.Costs))
        {
            await states.CommitAllAsync([(stream.Name, null, StreamStateStore.Advance(Periods.Midnight(Today), Periods.Midnight(Today)))], CancellationToken.None);
        }
    }

    private static IEnumerable<TableEntity> Catalog()
    {
        foreach (var (id, name) in Projects)
        {
            yield return new TableEntity(CatalogRows.ProjectPartition, CatalogRows.ProjectRow(id))
            {
                [CatalogRows.ProjectId] = id,
                [CatalogRows.Name] = name,
                [CatalogRows.Status] = "active",
            };
        }

        yield return Cap("proj_alpha", "gpt-4o", 100, 50_000);
        yield return Cap("proj_alpha", "gpt-4o-mini-2024-07-18", 500, null);
    }

    private static TableEntity Cap(string project, string model, long requests, long? tokens) => new(CatalogRows.RateLimitPartition(project), CatalogRows.RateLimitRow(model))
    {
        [CatalogRows.ProjectId] = project,
        [CatalogRows.Model] = model,
        [CatalogRows.MaxRequestsPerMinute] = requests,
        [CatalogRows.MaxTokensPerMinute] = tokens,
    };

    /// <summary>Amounts with many digits, as OpenAI prints them.</summary>
    private static decimal Amount(Random random) => Math.Round((decimal)random.NextDouble() * 12m, 17);
}
