using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench;

/// <summary>
/// One measured run, in a process of its own so its memory peak is its own (the hidden command
/// <c>ingestion-run simulator-url table-prefix backfill-days</c>): a backfill into fresh tables, then one incremental
/// round, with every API call and table write counted from outside the app. Prints <see cref="RunFigures"/> as JSON.
/// </summary>
internal sealed class IngestionRun(IServiceProvider services, Uri simulator, string prefix, TableWriteCounter writes, RequestedWindows windows)
{
    public const string Command = "ingestion-run";

    private static readonly string[] Jobs = [JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage];

    private static readonly HttpClient Http = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var (simulator, prefix, days) = (new Uri(args[0]), args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        var writes = new TableWriteCounter();
        var windows = new RequestedWindows();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(writes, HttpPipelinePosition.PerRetry);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = IngestionBenchmark.StorageConnection(),
            ["Storage:TablePrefix"] = prefix,
            ["OpenAI:BaseUrl"] = new Uri(simulator, "v1/").ToString(),
            ["Secrets:OpenAiAdminKey"] = new SimulatorOptions().AdminKey,
            ["Ingestion:BackfillDays"] = days.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton(tableOptions).AddUsageAlerts(configuration);
        collection.AddHttpClient(nameof(OpenAiAdminClient)).AddHttpMessageHandler(windows.CreateHandler);
        await using var services = collection.BuildServiceProvider();
        var run = new IngestionRun(services, simulator, prefix, writes, windows);

        await using var heap = new HeapSampler();
        var backfill = await run.RoundAsync();
        using var self = Process.GetCurrentProcess();
        var (peakWorkingSet, peakHeap, peakLive) = (self.PeakWorkingSet64, heap.PeakBytes, heap.PeakAfterCollectionBytes);
        var incremental = await run.RoundAsync();
        Console.WriteLine(JsonSerializer.Serialize(new RunFigures(days, backfill, incremental, peakWorkingSet, peakHeap, peakLive)));
        return 0;
    }

    private async Task<RoundFigures> RoundAsync()
    {
        var jobs = services.GetRequiredService<ScheduledJobs>();
        var before = await SimulatorProcess.CallsAsync(Http, simulator);
        var clock = Stopwatch.StartNew();
        var partitions = new List<PartitionWrites>();
        foreach (var job in Jobs)
        {
            // Jobs run apart (each on its own schedule, in its own execution), so no batch can span two: the least
            // is counted per job.
            await jobs.RunAsync(job);
            partitions.AddRange(writes.TakeRound());
        }

        clock.Stop();
        var after = await SimulatorProcess.CallsAsync(Http, simulator);
        var least = LeastCalls.ByRoute(windows.TakeRound(), await CatalogAsync());
        var calls = after.Keys.Union(least.Keys)
            .Select(route => new Tally(route, after.GetValueOrDefault(route) - before.GetValueOrDefault(route), least.GetValueOrDefault(route)))
            .Where(t => t.Actual + t.Least > 0).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var transactions = partitions.GroupBy(p => p.Table[prefix.Length..])
            .Select(table => new Tally(table.Key, table.Sum(p => p.Transactions), table.Sum(p => p.Least)))
            .OrderByDescending(t => t.Least).ToList();

        long rows = 0;
        var errors = new List<string>();
        var runs = services.GetRequiredService<JobRunStore>();
        foreach (var job in Jobs)
        {
            var record = (await runs.LatestAsync(job, 1, default))[0];
            rows += record.RowsWritten;
            if (!record.Succeeded)
            {
                errors.Add($"{job}: {record.Errors}");
            }
        }

        return new RoundFigures(rows, clock.Elapsed.TotalSeconds, calls, transactions, errors);
    }

    /// <summary>The project list and rate limits, asked of the API itself (after the round's calls were counted).</summary>
    private async Task<LeastCalls.Catalog> CatalogAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<OpenAiAdminClient>();
        var projects = await client.GetProjectsAsync().ToListAsync();
        var limits = new List<int>();
        foreach (var project in projects.Where(p => p.Status == "active"))
        {
            limits.Add(await client.GetRateLimitsAsync(project.Id).CountAsync());
        }

        return new LeastCalls.Catalog(projects.Count, limits);
    }
}
