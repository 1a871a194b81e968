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
/// Usage: USAGEALERTS_TEST_STORAGE=<connection string> dotnet run -c Release --project bench/UsageAlerts.Bench -- [--days 30]
///        [--projects 50] [--models 20] [--models-per-project 10] [--keys 2] [--repeats 3] [--prefix <reuse tables>]
/// </summary>
internal static class SummaryBenchmark
{
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
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock)
            .AddUsageAlerts(configuration).BuildServiceProvider();

        Console.WriteLine($"organization: {settings}; tables {prefix}*");
        if (settings.Seed)
        {
            await LargeOrganization.SeedAsync(services.GetRequiredService<TableStore>(), services.GetRequiredService<StreamStateStore>(), settings, lastDay);
        }

        var summaries = services.GetRequiredService<SummaryService>();
        var dashboards = services.GetRequiredService<DashboardService>();
        var range = new SummaryRange(lastDay.AddDays(1 - settings.Days), lastDay.AddDays(1));
        SummaryQuery Query(SummaryFormat format, SummaryFilter filter, params Dimension[] groupBy) => new(range, groupBy, filter, format);
        var oneProject = new SummaryFilter(new Dictionary<Dimension, IReadOnlySet<string>> { [Dimension.Project] = new HashSet<string> { "proj_007" } });
        Scenario[] scenarios =
        [
            new("summary json, by month", async () => (await summaries.SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Month), default)).RowsRead),
            new("summary json, by day", async () => (await summaries.SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Day), default)).RowsRead),
            new("summary json, by project and model", async () => (await summaries.SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Project, Dimension.Model), default)).RowsRead),
            new("summary csv, by project and api key", async () => (await summaries.SummarizeAsync(Query(SummaryFormat.Csv, SummaryFilter.None, Dimension.Project, Dimension.ApiKey), default)).RowsRead),
            new("summary json, one project, by day", async () => (await summaries.SummarizeAsync(Query(SummaryFormat.Json, oneProject, Dimension.Day), default)).RowsRead),
            new("dashboard (range + previous costs)", async () => (await dashboards.LoadAsync(new DashboardQuery(range, SummaryFilter.None, Dimension.LineItem), default)).RowsRead),
        ];

        Console.WriteLine($"{"scenario",-40} {"rows read",10} {"first ms",9} {"then ms",8} {"rows/s",9}");
        var throughputs = new List<double>();
        foreach (var scenario in scenarios)
        {
            var (first, median, rows) = await scenario.MeasureAsync(settings.Repeats);
            throughputs.Add(rows / (median / 1000));
            Console.WriteLine($"{scenario.Name,-40} {rows,10:N0} {first,9:N0} {median,8:N0} {rows / (median / 1000),9:N0}");
        }

        var rowsPerDay = (double)(await summaries.SummarizeAsync(Query(SummaryFormat.Json, SummaryFilter.None, Dimension.Day), default)).RowsRead / settings.Days;
        Console.WriteLine($"{rowsPerDay:N0} daily rows per day: a one-year summary by day reads {rowsPerDay * 365:N0} rows (about {rowsPerDay * 365 / throughputs.Max():N0} s at the best rate here);");
        Console.WriteLine("grouped by month or by anything but day/week, sealed months read one rollup row per group instead of one row per group and day.");
        return 0;
    }
}
