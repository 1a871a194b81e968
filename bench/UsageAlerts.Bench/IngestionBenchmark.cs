using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench;

/// <summary>
/// Backfills a simulated organization into Azurite, then runs one incremental round, and prints rows, time,
/// API calls (counted by the simulator) and table transactions (recorded by each job run).
/// </summary>
internal static class IngestionBenchmark
{
    private static readonly string[] Jobs = [JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var connection = Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
            ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        var simulatorOptions = new SimulatorOptions { Projects = arguments.Projects, Models = arguments.Models, Days = arguments.Days };
        await using var simulator = await SimulatorServer.StartAsync(simulatorOptions, TimeProvider.System);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connection,
            ["Storage:TablePrefix"] = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture),
            ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["Secrets:OpenAiAdminKey"] = simulatorOptions.AdminKey,
            ["Ingestion:BackfillDays"] = arguments.BackfillDays.ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
        var jobs = services.GetRequiredService<ScheduledJobs>();
        var runs = services.GetRequiredService<JobRunStore>();

        Console.WriteLine($"org: {arguments.Projects} projects x {arguments.Models} models, {arguments.Days} days of history; backfill {arguments.BackfillDays} days");
        await RoundAsync("backfill", jobs, runs, simulator);
        await RoundAsync("incremental", jobs, runs, simulator);
        return 0;
    }

    private static async Task RoundAsync(string name, ScheduledJobs jobs, JobRunStore runs, SimulatorServer simulator)
    {
        simulator.Calls.Clear();
        long rows = 0;
        int transactions = 0, pages = 0;
        var clock = Stopwatch.StartNew();
        foreach (var job in Jobs)
        {
            await jobs.RunAsync(job);
            var run = (await runs.LatestAsync(job, 1, default))[0];
            rows += run.RowsWritten;
            transactions += run.Transactions;
            pages += run.PagesRead;
            if (!run.Succeeded)
            {
                Console.WriteLine($"  {job} FAILED: {run.Errors}");
            }
        }

        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {rows} rows, {pages} usage/cost pages, {simulator.Calls.Total} API calls, {transactions} table transactions, {clock.Elapsed.TotalSeconds:F1} s ({rows / clock.Elapsed.TotalSeconds:F0} rows/s)"));
        foreach (var (route, count) in simulator.Calls.Snapshot())
        {
            Console.WriteLine($"    {route}: {count}");
        }
    }
}
