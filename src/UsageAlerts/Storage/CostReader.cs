using System.Runtime.CompilerServices;
using UsageAlerts.Ingestion;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Storage;

/// <summary>
/// Streams the costs of whole UTC days in [from, to): from the day packs, one entity per day (budgets re-read the
/// month to date every few minutes, so this is most of evaluation's storage work), and from the rows for days without
/// a pack.
/// </summary>
internal sealed class CostReader(RollupReader rollups)
{
    private static readonly StreamRead Costs = new(StreamCatalog.CostsStreamName, null, SummaryFilter.None, null);

    public IAsyncEnumerable<CostRecord> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadAsync(Costs, from, to, cancellationToken);

    /// <summary>The same, leaving the pack cache as it is: for pricing, which reads each day's bill once.</summary>
    public IAsyncEnumerable<CostRecord> ReadOnceAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadAsync(Costs with { FillsCache = false }, from, to, cancellationToken);

    public IAsyncEnumerable<CostRecord> ReadStreamAsync(string stream, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadStreamAsync(stream, from, to, null, reuseListings: false, cancellationToken);

    /// <param name="tally">Counts the entities read; null when nobody asks.</param>
    /// <param name="reuseListings">Whether a recently remembered listing may answer (summaries; never alerts).</param>
    public IAsyncEnumerable<CostRecord> ReadAsync(DateTimeOffset from, DateTimeOffset to, ReadTally? tally, bool reuseListings, CancellationToken cancellationToken) =>
        ReadAsync(Costs with { Tally = tally, ReusesListings = reuseListings }, from, to, cancellationToken);

    /// <summary>The same days of another cost stream (the estimates pricing writes).</summary>
    public IAsyncEnumerable<CostRecord> ReadStreamAsync(string stream, DateTimeOffset from, DateTimeOffset to, ReadTally? tally, bool reuseListings, CancellationToken cancellationToken) =>
        ReadAsync(Costs with { Stream = stream, Tally = tally, ReusesListings = reuseListings }, from, to, cancellationToken);

    private async IAsyncEnumerable<CostRecord> ReadAsync(StreamRead read, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (first, end) = (Periods.Day(from), Periods.Day(to));
        if (first >= end)
        {
            yield break;
        }

        foreach (var piece in ReadSegment.Plan(new SummaryRange(first, end), sealedBefore: null, allowMonths: false))
        {
            var sink = new CollectingSink();
            var entities = await rollups.ReadDaysAsync(read, piece.Days, sink, cancellationToken);
            read.Tally?.Read(entities);
            foreach (var cost in sink.Costs.OrderBy(c => c.Day))
            {
                yield return cost;
            }
        }
    }
}
