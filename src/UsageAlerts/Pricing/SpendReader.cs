using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Pricing;

/// <summary>
/// Spend as budgets and spikes should see it: billed costs for days whose bill is final, and for the days since,
/// per project, the bill, or the estimate from usage × learned rates (marked) while the bill stays more than
/// <see cref="PricingOptions.LagMarginPercent"/> below it. So a breach shows as soon as usage is polled, not hours
/// later when OpenAI's costs catch up, and a bill that arrives replaces the estimate as soon as it covers it.
/// </summary>
internal sealed class SpendReader(CostReader costs, IOptions<PricingOptions> options, TimeProvider timeProvider)
{
    public IAsyncEnumerable<CostRecord> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ReadAsync(from, to, null, reuseListings: false, cancellationToken);

    /// <param name="tally">Counts the entities read; null when nobody asks.</param>
    /// <param name="reuseListings">Whether a recently remembered listing may answer (summaries; never alerts).</param>
    public async IAsyncEnumerable<CostRecord> ReadAsync(DateTimeOffset from, DateTimeOffset to, ReadTally? tally, bool reuseListings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var openFrom = Periods.Midnight(OpenFrom());
        var finalTo = to < openFrom ? to : openFrom;
        await foreach (var cost in costs.ReadAsync(from, finalTo, tally, reuseListings, cancellationToken))
        {
            yield return cost;
        }

        var recentFrom = from > openFrom ? from : openFrom;
        if (recentFrom >= to)
        {
            yield break;
        }

        var billed = await ListAsync(costs.ReadAsync(recentFrom, to, tally, reuseListings, cancellationToken));
        var estimated = await ListAsync(costs.ReadStreamAsync(CostEstimator.EstimatedStream, recentFrom, to, tally, reuseListings, cancellationToken));
        foreach (var cost in Merge(billed, estimated, options.Value.LagMarginPercent))
        {
            yield return cost;
        }
    }

    /// <summary>The first day whose bill may still change (the day before the last final one, for a margin): from it on, spend may be estimated.</summary>
    public DateOnly OpenFrom() => Periods.Day(timeProvider.GetUtcNow() - options.Value.CostsFinalAfter).AddDays(-1);

    /// <summary>Per day and project: the billed rows, unless their charges fall more than the margin short of the estimate (a bill still catching up).</summary>
    internal static IEnumerable<CostRecord> Merge(IReadOnlyList<CostRecord> billed, IReadOnlyList<CostRecord> estimated, decimal lagMarginPercent)
    {
        var billedGroups = billed.GroupBy(c => (c.Day, c.ProjectId)).ToDictionary(g => g.Key, g => g.ToList());
        var estimatedGroups = estimated.GroupBy(c => (c.Day, c.ProjectId)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var key in billedGroups.Keys.Union(estimatedGroups.Keys).OrderBy(k => k.Day))
        {
            var bill = billedGroups.GetValueOrDefault(key) ?? [];
            var estimate = estimatedGroups.GetValueOrDefault(key) ?? [];
            // Credits and refunds (negative lines) are never in an estimate from usage: they stay, and only charges
            // are weighed against it. No estimate at all (a credit-only group) keeps the bill.
            var charges = bill.Where(b => b.AmountUsd > 0).Sum(b => b.AmountUsd);
            var rows = estimate.Count > 0 && charges < estimate.Sum(e => e.AmountUsd) * (1 - (lagMarginPercent / 100m))
                ? estimate.Concat(bill.Where(b => b.AmountUsd < 0))
                : bill;
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    private static async Task<List<CostRecord>> ListAsync(IAsyncEnumerable<CostRecord> records)
    {
        var list = new List<CostRecord>();
        await foreach (var record in records)
        {
            list.Add(record);
        }

        return list;
    }
}
