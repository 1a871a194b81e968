using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage.Rollups;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Streams the usage and cost records of a <see cref="ReadPlan"/> into a sink. Each stream's range is cut into runs
/// of days (read from day packs, one query per run) and, where the plan allows, whole sealed months (read from month
/// packs); the pieces are read concurrently, so a request reads a number of entities bounded by its range.
/// </summary>
internal sealed class SummaryReader(StreamCatalog catalog, SealedMonths sealedMonths, RollupReader rollups, Pricing.SpendReader spend)
{
    private const int ConcurrentQueries = 8;

    public async Task<ReadResult> ReadAsync(ReadPlan plan, ISummarySink sink, CancellationToken cancellationToken)
    {
        // Wanted by every plan: days before a stream's horizon are served from a recent listing when one is remembered.
        var horizons = await sealedMonths.LoadAsync(cancellationToken);
        var reads = new List<(StreamRead Read, ReadSegment Segment)>();
        var tally = new ReadTally();
        // Billed costs of days whose bill may still grow are read as budgets read them: the bill, or the estimate
        // from usage while the bill lags (marked estimated). Per-key costs already carry their own estimates.
        var open = plan.Costs is { } all && plan.CostStream == StreamCatalog.CostsStreamName ? OpenPart(all) : null;
        if ((open is { } openPart ? FinalPart(plan.Costs!.Value, openPart) : plan.Costs) is { } costs)
        {
            var fallback = plan.CostStream == StreamCatalog.CostsStreamName ? null : StreamCatalog.CostsStreamName;
            reads.AddRange(Segments(new StreamRead(plan.CostStream, null, plan.Filter, null) { FallbackStream = fallback, View = plan.View, Tally = tally }, costs, horizons, plan.MonthlyRollups));
        }

        if (plan.Usage is { } usage)
        {
            reads.AddRange(UsageStreams(plan).SelectMany(s =>
                Segments(new StreamRead(s.KeyPrefix, s.Kind!.Name, plan.Filter, plan.UsageMetrics) { View = plan.View, Tally = tally }, usage, horizons, plan.MonthlyRollups && !HeadlineMetric.HasLevels(s.Kind.Name))));
        }

        long rows = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentQueries, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(reads, parallel, async (read, token) => Interlocked.Add(ref rows, read.Segment.Month
            ? await rollups.ReadMonthAsync(read.Read, read.Segment.Days.From, sink, token)
            : await rollups.ReadDaysAsync(read.Read, read.Segment.Days, sink, token)));
        if (open is { } recent)
        {
            await foreach (var row in spend.ReadAsync(Periods.Midnight(recent.From), Periods.Midnight(recent.To), tally, reuseListings: true, cancellationToken))
            {
                sink.Add(row);
            }

            // Only these reads report entities through the tally; the packs read above returned their counts.
            rows += tally.EntitiesRead;
        }

        return new ReadResult(rows, reads.Count(r => r.Segment.Month), tally.PacksDecoded);
    }

    private SummaryRange? OpenPart(SummaryRange costs)
    {
        var from = spend.OpenFrom();
        return costs.To <= from ? null : new SummaryRange(costs.From > from ? costs.From : from, costs.To);
    }

    private static SummaryRange? FinalPart(SummaryRange costs, SummaryRange open) =>
        open.From <= costs.From ? null : new SummaryRange(costs.From, open.From);

    /// <summary>
    /// A stream's pieces: its sealed months (when allowed), and between them runs of days read with one query each,
    /// however many months they span (a query per month partition was most of a long range's time).
    /// </summary>
    private static IEnumerable<(StreamRead, ReadSegment)> Segments(StreamRead read, SummaryRange range, IReadOnlyDictionary<string, DateOnly> horizons, bool allowMonths)
    {
        ReadSegment? run = null;
        DateOnly? horizon = horizons.TryGetValue(read.Stream, out var day) ? day : null;
        read = read with { SealedBefore = horizon, ReusesListings = true };
        foreach (var segment in ReadSegment.Plan(range, horizon, allowMonths))
        {
            if (!segment.Month)
            {
                run = run is { } days ? days with { Days = new SummaryRange(days.Days.From, segment.Days.To) } : segment;
                continue;
            }

            if (run is { } pending)
            {
                yield return (read, pending);
                run = null;
            }

            yield return (read, segment);
        }

        if (run is { } last)
        {
            yield return (read, last);
        }
    }

    /// <summary>Daily streams that can hold matching rows: endpoints without a model (or key) cannot match such a filter.</summary>
    private IEnumerable<StreamDefinition> UsageStreams(ReadPlan plan) =>
        plan.Filter.ExcludesUsage
            ? []
            : catalog.Usage.Where(s => s.Width == BucketWidth.Day && s.Kind is { } kind
                && (plan.UsageKinds is null || plan.UsageKinds.Contains(kind.Name))
                && (plan.Filter.For(Dimension.Model) is null || kind.GroupBy.Contains("model"))
                && (plan.Filter.For(Dimension.ApiKey) is null || kind.GroupBy.Contains("api_key_id")));
}
