using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using UsageAlerts.Ingestion;

namespace UsageAlerts.Bench;

/// <summary>
/// For each organization size, starts the simulator as its own process and, for each backfill length, runs a
/// backfill and one incremental round in a child process (<see cref="IngestionRun"/>) against fresh tables. Prints
/// API calls and table transactions next to the least possible, rows per second next to Azurite's own pace, and
/// the child's memory peaks, so growth with the organization shows.
/// </summary>
internal static class IngestionBenchmark
{
    private const int BaselineRows = 50_000;

    public static string StorageConnection() => Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
        ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var service = new TableServiceClient(StorageConnection());
        var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var concurrency = new IngestionOptions().StreamConcurrency;
        Console.WriteLine($"load average {LoadAverage()}; {Environment.ProcessorCount} cores");
        var runs = new List<(OrgSize Size, double Baseline, RunFigures Figures)>();
        foreach (var size in arguments.Sizes)
        {
            // Measured before each size, as close as can be to the runs it is compared with (a shared machine's pace drifts).
            var baseline = await AzuriteBaseline.RowsPerSecondAsync(service, "benchraw" + stamp, BaselineRows, concurrency);
            // History reaches a little past the longest backfill, so every backfill reads days that have data.
            var days = arguments.BackfillDays.Max() + 5;
            using var simulator = await SimulatorProcess.StartAsync(size, days);
            Console.WriteLine($"\n{size}: simulator at {simulator.BaseAddress}, {days} days of history; Azurite baseline {BaselineRows:N0} rows in full batches, {concurrency} at once: {baseline:N0} rows/s");
            foreach (var backfillDays in arguments.BackfillDays)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"b{size.Name.Replace("x", "", StringComparison.Ordinal)}d{backfillDays}t{stamp}");
                var clock = Stopwatch.StartNew();
                var output = await ChildProcess.RunBenchAsync(IngestionRun.Command, simulator.BaseAddress.ToString(), prefix, backfillDays.ToString(CultureInfo.InvariantCulture));
                var figures = JsonSerializer.Deserialize<RunFigures>(output.Trim().Split('\n')[^1])!;
                IngestionReport.PrintRun(figures, baseline, clock.Elapsed);
                runs.Add((size, baseline, figures));
                await DropTablesAsync(service, prefix);
            }
        }

        Console.WriteLine($"\nload average {LoadAverage()}");
        IngestionReport.PrintSummary(runs);
        return 0;
    }

    /// <summary>Timings mean little on a busy machine; the load says how busy it was (Linux only).</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Azurite keeps everything in memory: a finished run's tables go, so later runs are not slowed by them.</summary>
    private static async Task DropTablesAsync(TableServiceClient service, string prefix)
    {
        await foreach (var table in service.QueryAsync())
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                await service.DeleteTableAsync(table.Name);
            }
        }
    }
}
