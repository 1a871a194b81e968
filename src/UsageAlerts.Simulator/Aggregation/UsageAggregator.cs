using System.Runtime.CompilerServices;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Aggregation;

/// <summary>One result row: the grouped dimension values (null elsewhere) and the summed components.</summary>
internal sealed record UsageGroup(string?[] Dimensions, long[] Components);

/// <summary>Sums the matching streams of one kind per bucket and group; the API and the ground truth both use it.</summary>
internal static class UsageAggregator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<UsageGroup>[] Aggregate(UsageSource source, UsageFilter filter, IReadOnlyCollection<Dimension> groupBy, IReadOnlyList<MinuteRange> buckets, DataWindow window)
    {
        var components = source.Kind.ComponentCount;
        var streams = source.Streams.Where(filter.Matches).ToList();
        var groups = new GroupIndex();
        var streamGroups = streams.Select(s => groups.IndexOf(Grouped(s, groupBy))).ToArray();
        var totals = new long[buckets.Count * groups.Count * components];
        var scratch = new MinuteScratch(components);
        source.Prepare(buckets, window);
        for (var i = 0; i < streams.Count; i++)
        {
            for (var b = 0; b < buckets.Count; b++)
            {
                var slice = totals.AsSpan((b * groups.Count + streamGroups[i]) * components, components);
                source.AddRange(streams[i], buckets[b].From, buckets[b].To, window, scratch, slice);
            }
        }

        var order = groups.Ordered();
        var results = new List<UsageGroup>[buckets.Count];
        for (var b = 0; b < buckets.Count; b++)
        {
            results[b] = [];
            foreach (var g in order)
            {
                var slice = totals.AsSpan((b * groups.Count + g) * components, components);
                if (slice.ContainsAnyExcept(0L))
                {
                    results[b].Add(new UsageGroup(groups.Values(g), slice.ToArray()));
                }
            }
        }

        return results;
    }

    private static string?[] Grouped(UsageStream stream, IReadOnlyCollection<Dimension> groupBy)
    {
        var values = new string?[Dimensions.Count];
        foreach (var dimension in groupBy)
        {
            values[(int)dimension] = stream[dimension];
        }

        return values;
    }
}
