using System.Text.Json.Serialization;

namespace UsageAlerts.Bench;

/// <summary>What one child run measured (sent to the parent as JSON): a backfill, the incremental round after it, and the process's memory peaks during the backfill (working set, GC heap, and the heap a collection left).</summary>
internal sealed record RunFigures(int BackfillDays, RoundFigures Backfill, RoundFigures Incremental, long PeakWorkingSetBytes, long PeakHeapBytes, long PeakHeapAfterCollectionBytes);

/// <summary>One round of the polling jobs: rows, wall time, and calls and transactions per route and table next to the least possible.</summary>
internal sealed record RoundFigures(long Rows, double Seconds, IReadOnlyList<Tally> Calls, IReadOnlyList<Tally> Transactions, IReadOnlyList<string> Errors)
{
    [JsonIgnore]
    public Tally TotalCalls => Tally.Total(Calls);

    [JsonIgnore]
    public Tally TotalTransactions => Tally.Total(Transactions);

    [JsonIgnore]
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>A count and the least it could be.</summary>
internal sealed record Tally(string Name, int Actual, int Least)
{
    [JsonIgnore]
    public double Ratio => Least == 0 ? double.NaN : (double)Actual / Least;

    public static Tally Total(IEnumerable<Tally> parts) => parts.Aggregate(new Tally("total", 0, 0), (sum, t) => sum with { Actual = sum.Actual + t.Actual, Least = sum.Least + t.Least });
}
