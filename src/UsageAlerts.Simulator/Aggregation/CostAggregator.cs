using System.Runtime.CompilerServices;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Aggregation;

/// <summary>One cost row: grouped values (null elsewhere), exact USD amount and billed quantity.</summary>
internal sealed record CostGroup(string? ProjectId, string? LineItem, string? ApiKeyId, decimal Amount, long Quantity, string? Unit);

/// <summary>Which of project_id, line_item and api_key_id the costs are grouped by.</summary>
internal readonly record struct CostGrouping(bool Project, bool LineItem, bool ApiKey)
{
    public static readonly CostGrouping All = new(true, true, true);
}

/// <summary>Unit prices times <paramref name="Factor"/> from minute <paramref name="FromMinute"/> on; the default (factor 0) is no change.</summary>
internal readonly record struct PriceChange(long FromMinute, decimal Factor);

/// <summary>
/// Costs follow usage: each stream's components times its line items' unit prices. Prices are linear, so the
/// cost of a range is the same whether summed per minute, per bucket or over the whole range.
/// </summary>
internal static class CostAggregator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<CostGroup>[] Aggregate(
        IEnumerable<UsageSource> sources,
        IReadOnlyList<LineItem> lineItems,
        UsageFilter filter,
        CostGrouping grouping,
        IReadOnlyList<MinuteRange> buckets,
        DataWindow window,
        PriceChange priceChange = default)
    {
        var groups = new GroupIndex();
        var lineItemGroups = new Dictionary<int, int>();
        var work = new List<(UsageSource Source, UsageStream Stream, int[] Groups)>();
        foreach (var source in sources)
        {
            foreach (var stream in source.Streams.Where(s => s.LineItems.Length > 0 && filter.Matches(s)))
            {
                var streamGroups = stream.LineItems
                    .Select(use => groups.IndexOf(
                    [
                        grouping.Project ? stream[Dimension.ProjectId] : null,
                        grouping.LineItem ? lineItems[use.LineItem].Name : null,
                        grouping.ApiKey ? stream[Dimension.ApiKeyId] : null,
                    ]))
                    .ToArray();
                for (var i = 0; i < streamGroups.Length; i++)
                {
                    lineItemGroups[streamGroups[i]] = stream.LineItems[i].LineItem;
                }

                work.Add((source, stream, streamGroups));
            }
        }

        foreach (var source in work.Select(w => w.Source).Distinct())
        {
            source.Prepare(buckets, window);
        }

        var amounts = new decimal[buckets.Count * groups.Count];
        var quantities = new long[buckets.Count * groups.Count];
        foreach (var kindWork in work.GroupBy(w => w.Source))
        {
            var scratch = new MinuteScratch(kindWork.Key.Kind.ComponentCount);
            var totals = new long[kindWork.Key.Kind.ComponentCount];
            foreach (var (source, stream, streamGroups) in kindWork)
            {
                for (var b = 0; b < buckets.Count; b++)
                {
                    var (from, to) = (buckets[b].From, buckets[b].To);
                    // A bucket a price change falls in is priced in two parts, each at its own prices.
                    var change = priceChange.Factor == 0 ? to : Math.Clamp(priceChange.FromMinute, from, to);
                    if (change > from)
                    {
                        AddPart(source, stream, streamGroups, scratch, totals, from, change, 1m, b);
                    }

                    if (change < to)
                    {
                        AddPart(source, stream, streamGroups, scratch, totals, change, to, priceChange.Factor, b);
                    }
                }
            }
        }

        void AddPart(UsageSource source, UsageStream stream, int[] streamGroups, MinuteScratch scratch, long[] totals, long from, long to, decimal factor, int bucket)
        {
            Array.Clear(totals);
            source.AddRange(stream, from, to, window, scratch, totals);
            for (var i = 0; i < stream.LineItems.Length; i++)
            {
                var use = stream.LineItems[i];
                var quantity = totals[use.Component];
                if (quantity != 0)
                {
                    var slot = bucket * groups.Count + streamGroups[i];
                    amounts[slot] += quantity * use.UnitPrice * factor;
                    quantities[slot] += quantity;
                }
            }
        }

        var order = groups.Ordered();
        var results = new List<CostGroup>[buckets.Count];
        for (var b = 0; b < buckets.Count; b++)
        {
            results[b] = [];
            foreach (var g in order)
            {
                var slot = b * groups.Count + g;
                if (quantities[slot] == 0 && amounts[slot] == 0)
                {
                    continue;
                }

                var values = groups.Values(g);
                var unit = grouping.LineItem ? lineItems[lineItemGroups[g]].Unit : null;
                results[b].Add(new CostGroup(values[0], values[1], values[2], amounts[slot], quantities[slot], unit));
            }
        }

        return results;
    }
}
