using System.Globalization;

namespace UsageAlerts.Bench;

/// <summary>Prints the ingestion figures: each run in detail as it ends, then one compact table.</summary>
internal static class IngestionReport
{
    private const double MiB = 1024 * 1024;

    public static void PrintRun(RunFigures run, double baseline, TimeSpan wall)
    {
        Console.WriteLine(Invariant($"  {run.BackfillDays}-day run (child process, {wall.TotalSeconds:F1} s in all); peak working set {run.PeakWorkingSetBytes / MiB:F0} MiB, peak GC heap {run.PeakHeapBytes / MiB:F0} MiB, peak heap after a collection {run.PeakHeapAfterCollectionBytes / MiB:F0} MiB during the backfill"));
        PrintRound("backfill", run.Backfill, baseline);
        PrintRound("incremental", run.Incremental, baseline);
    }

    public static void PrintSummary(IReadOnlyList<(OrgSize Size, double Baseline, RunFigures Figures)> runs)
    {
        Console.WriteLine("Targets: calls/least <= 1.1, transactions/least <= 1.2; \"of raw\": rows/s over Azurite's own pace measured before the size's runs.");
        Console.WriteLine($"{"size",-8} {"run",-9} {"calls/least",13} {"ratio",6} {"tx/least",13} {"ratio",6} {"rows",9} {"s",7} {"rows/s",8} {"of raw",7} {"peak WS",8} {"peak GC",8}");
        foreach (var (size, baseline, figures) in runs)
        {
            foreach (var (name, round, backfill) in new[] { ($"{figures.BackfillDays}d", figures.Backfill, true), ($"{figures.BackfillDays}d+inc", figures.Incremental, false) })
            {
                var (calls, transactions) = (round.TotalCalls, round.TotalTransactions);
                Console.WriteLine(Invariant(
                    $"{size.Name,-8} {name,-9} {$"{calls.Actual}/{calls.Least}",13} {calls.Ratio,6:F2} {$"{transactions.Actual}/{transactions.Least}",13} {transactions.Ratio,6:F2} {round.Rows,9} {round.Seconds,7:F1} {round.RowsPerSecond,8:F0} ") +
                    (backfill ? Invariant($"{round.RowsPerSecond / baseline,7:P0} {figures.PeakWorkingSetBytes / MiB,5:F0} MiB {figures.PeakHeapBytes / MiB,4:F0} MiB") : ""));
            }
        }
    }

    private static void PrintRound(string name, RoundFigures round, double baseline)
    {
        var (calls, transactions) = (round.TotalCalls, round.TotalTransactions);
        Console.WriteLine(Invariant(
            $"    {name}: {round.Rows:N0} rows in {round.Seconds:F1} s = {round.RowsPerSecond:N0} rows/s ({round.RowsPerSecond / baseline:P0} of Azurite's); ") + Invariant(
            $"API calls {calls.Actual}/{calls.Least} = {calls.Ratio:F2}; table transactions {transactions.Actual}/{transactions.Least} = {transactions.Ratio:F2}"));
        var offCalls = round.Calls.Where(c => c.Actual != c.Least).Select(c => $"{c.Name} {c.Actual}/{c.Least}").ToList();
        Console.WriteLine($"      calls off the least: {(offCalls.Count == 0 ? "none" : string.Join(", ", offCalls))}");
        Console.WriteLine($"      transactions by table: {string.Join(", ", round.Transactions.Select(t => $"{t.Name} {t.Actual}/{t.Least}"))}");
        foreach (var error in round.Errors)
        {
            Console.WriteLine($"      FAILED {error}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
