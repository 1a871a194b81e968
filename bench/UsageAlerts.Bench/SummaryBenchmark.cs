using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.Dashboard;

namespace UsageAlerts.Bench;

/// <summary>
/// Seeds a large synthetic organization into Table Storage (Azurite) and times the summary and dashboard reads.
/// Ranges of 30 and 365 days (those the seeded history covers) are measured.
/// Usage: scripts/bench summaries [--days 365] [--projects 50] [--models 20] [--models-per-project 10] [--keys 2]
///        [--repeats 21] [--row-days 30] [--prefix <reuse tables>]
/// </summary>
internal static class SummaryBenchmark
{
    private static readonly int[] Ranges = [30, 365];

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = BenchSettings.Parse(args);
        var connection = (Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE") ?? Environment.GetEnvironmentVariable("USAGEALERTS_TEST_STORAGE"))
            ?? throw new InvalidOperationException("Set USAGEALERTS_TEST_STORAGE to a storage connection string (scripts/lib/azurite.sh starts Azurite).");
        var prefix = settings.Prefix ?? "bench" + Guid.NewGuid().ToString("N")[..8];
        var lastDay = new DateOnly(2026, 11, 22);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connection,
            ["Storage:TablePrefix"] = prefix,
        }).Build();
        ServiceProvider Build() => new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddUsageAlerts(configuration).BuildServiceProvider();
        await using var services = Build();

        Console.WriteLine($"organization: {settings}; tables {prefix}*");
        if (settings.Seed)
        {
            await LargeOrganization.SeedAsync(services.GetRequiredService<TableStore>(), services.GetRequiredService<StreamStateStore>(), settings, lastDay);
        }

        var oneProject = new SummaryFilter(new Dictionary<Dimension, IReadOnlySet<string>> { [Dimension.Project] = new HashSet<string> { "proj_007" } });
        Console.WriteLine($"{"range",5} {"scenario",-38} {"rows read",10} {"restart ms",11} {"p50 ms",8} {"p95 ms",8}");
        foreach (var days in Ranges.Where(d => d <= settings.Days))
        {
            var range = new SummaryRange(lastDay.AddDays(1 - days), lastDay.AddDays(1));
            SummaryQuery Query(SummaryFormat format, SummaryFilter filter, params Dimension[] groupBy) => new(range, groupBy, filter, format);
            Scenario[] scenarios =
            [
                new("summary json, by day", async sp => (await sp.GetRequiredService<SummaryService>().SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Day), default)).RowsRead),
                new("summary json, by month", async sp => (await sp.GetRequiredService<SummaryService>().SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Month), default)).RowsRead),
                new("summary json, by project and model", async sp => (await sp.GetRequiredService<SummaryService>().SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Project, Dimension.Model), default)).RowsRead),
                new("summary csv, by project and api key", async sp => (await sp.GetRequiredService<SummaryService>().SummarizeAsync(Query(SummaryFormat.Csv, SummaryFilter.None, Dimension.Project, Dimension.ApiKey), default)).RowsRead),
                new("summary json, one project, by day", async sp => (await sp.GetRequiredService<SummaryService>().SummarizeAsync(Query(SummaryFormat.Json, oneProject, Dimension.Day), default)).RowsRead),
                new("dashboard (range + previous costs)", async sp => (await sp.GetRequiredService<DashboardService>().LoadAsync(new DashboardQuery(range, SummaryFilter.None, Dimension.LineItem), default)).RowsRead),
            ];

            foreach (var scenario in scenarios)
            {
                var m = await scenario.MeasureAsync(Build, services, settings.Repeats);
                Console.WriteLine($"{days,5} {scenario.Name,-38} {m.Rows,10:N0} {m.FirstMs,11:N0} {m.P50Ms,8:N0} {m.P95Ms,8:N0}");
            }
        }

        return 0;
    }
}
