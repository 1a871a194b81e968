using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Configuration;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench;

/// <summary>
/// Estimates what the default schedules cost in Azure for an organization size: backfills, then runs every job as
/// its schedule would in steady state, measuring each run's duration and Table Storage transactions, and prices a
/// month of the default schedules (infra/schedules.json) at the unit prices printed with the result.
/// Usage: scripts/bench cost [--size small|medium|large|all] [--runs 3]
/// </summary>
internal static partial class CostBenchmark
{
    // Public list prices, USD, checked 2026-11 (East US); see docs/PERFORMANCE.md for the pages.
    private const decimal FlexPerGbSecond = 0.000026m;
    private const decimal FlexPerMillionExecutions = 0.40m;
    private const decimal FlexFreeGbSeconds = 100_000m;
    private const decimal FlexFreeExecutions = 250_000m;
    private const decimal TablePer10kTransactions = 0.00036m;
    private const decimal DaysPerMonth = 30.4m;

    private static readonly (string Name, int Projects, int Models)[] Sizes = [("small", 5, 5), ("medium", 50, 20), ("large", 200, 40)];

    public static async Task<int> RunAsync(string[] args)
    {
        var size = Option(args, "--size") ?? "all";
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var connection = Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
            ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        var schedules = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "infra", "schedules.json")))!;
        var instanceMemoryGb = await InstanceMemoryGbAsync();
        Console.WriteLine($"prices: Flex Consumption on demand ${FlexPerGbSecond}/GB-s at {instanceMemoryGb} GB instance memory (infra/app/function.bicep), ${FlexPerMillionExecutions}/million executions"
            + $" (monthly free grant {FlexFreeGbSeconds:N0} GB-s, {FlexFreeExecutions:N0} executions); Table Storage ${TablePer10kTransactions}/10,000 transactions");
        foreach (var (name, projects, models) in Sizes.Where(s => size == "all" || s.Name == size))
        {
            await MeasureAsync(name, projects, models, runs, connection, schedules, instanceMemoryGb);
        }

        return 0;
    }

    private static async Task MeasureAsync(string size, int projects, int models, int runs, string connection, Dictionary<string, string> schedules, decimal instanceMemoryGb)
    {
        var options = new SimulatorOptions { Projects = projects, Models = models, Days = 10 };
        await using var simulator = await SimulatorServer.StartAsync(options, TimeProvider.System);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connection,
            ["Storage:TablePrefix"] = "cost" + size + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture),
            ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["Secrets:OpenAiAdminKey"] = options.AdminKey,
            ["Secrets:TeamsWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/teams/finance-teams").ToString(),
            ["Secrets:SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/platform-slack").ToString(),
            ["Notifications:AllowLoopbackWebhooks"] = "true",
            ["Rules:Path"] = Path.Combine(RepoRoot(), "config", "rules.json"),
            ["Ingestion:BackfillDays"] = "7",
        }).Build();
        var counter = new StorageRequestCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        await using var services = new ServiceCollection().AddLogging().AddSingleton(tableOptions).AddUsageAlerts(configuration).BuildServiceProvider();
        var jobs = services.GetRequiredService<ScheduledJobs>();

        // A short backfill first: what is measured is the steady state, which re-reads only each stream's re-poll window.
        foreach (var job in schedules.Keys)
        {
            await jobs.RunAsync(job);
        }

        Console.WriteLine($"\n{size} org ({projects} projects x {models} models), steady state, median of {runs} runs per job:");
        Console.WriteLine($"{"job",-16} {"runs/day",9} {"ms/run",8} {"txns/run",9} {"GB-s/day",9} {"txns/day",9}");
        decimal executions = 0, gbSeconds = 0, transactions = 0;
        foreach (var (job, cron) in schedules)
        {
            var samples = new List<(double Ms, long Transactions)>();
            for (var i = 0; i < runs; i++)
            {
                var before = counter.Requests;
                var watch = Stopwatch.StartNew();
                await jobs.RunAsync(job);
                samples.Add((watch.Elapsed.TotalMilliseconds, counter.Requests - before));
            }

            var ms = (decimal)samples.Select(s => s.Ms).Order().ElementAt(runs / 2);
            var txns = samples.Select(s => s.Transactions).Order().ElementAt(runs / 2);
            var perDay = RunsPerDay(cron);
            var dayGbSeconds = perDay * ms / 1000m * instanceMemoryGb;
            executions += perDay;
            gbSeconds += dayGbSeconds;
            transactions += perDay * txns;
            Console.WriteLine($"{job,-16} {perDay,9:N0} {ms,8:N0} {txns,9:N0} {dayGbSeconds,9:N0} {perDay * txns,9:N0}");
        }

        var month = (Executions: executions * DaysPerMonth, GbSeconds: gbSeconds * DaysPerMonth, Transactions: transactions * DaysPerMonth);
        var flex = (month.GbSeconds * FlexPerGbSecond) + (month.Executions / 1_000_000m * FlexPerMillionExecutions);
        var flexAfterGrant = (Math.Max(0, month.GbSeconds - FlexFreeGbSeconds) * FlexPerGbSecond) + (Math.Max(0, month.Executions - FlexFreeExecutions) / 1_000_000m * FlexPerMillionExecutions);
        var tables = month.Transactions / 10_000m * TablePer10kTransactions;
        Console.WriteLine($"month: {month.Executions:N0} executions, {month.GbSeconds:N0} GB-s, {month.Transactions:N0} table transactions");
        Console.WriteLine($"cost/month: Flex ${flex:N2} (${flexAfterGrant:N2} after the free grant), Table Storage transactions ${tables:N2}");
    }

    /// <summary>Flex Consumption bills execution time on the instance memory the app is deployed with: the Bicep default.</summary>
    private static async Task<decimal> InstanceMemoryGbAsync()
    {
        var bicep = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "infra", "app", "function.bicep"));
        var match = InstanceMemoryParameter().Match(bicep);
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1024m
            : throw new InvalidOperationException("infra/app/function.bicep has no 'param instanceMemoryMB int = <MB>'.");
    }

    [GeneratedRegex(@"param instanceMemoryMB int = (\d+)")]
    private static partial Regex InstanceMemoryParameter();

    private static decimal RunsPerDay(string cron)
    {
        var schedule = CronSchedule.Parse(cron);
        var day = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
        var runs = 0;
        for (var next = schedule.Next(day.AddTicks(-1)); next < day.AddDays(1); next = schedule.Next(next))
        {
            runs++;
        }

        return runs;
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "UsageAlerts.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
