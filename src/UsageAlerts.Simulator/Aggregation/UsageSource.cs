using System.Runtime.CompilerServices;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Aggregation;

/// <summary>
/// Sums one kind's streams over minute ranges. A range is cut into whole settled days, whole hours and, at its
/// ends, minutes; every path adds up the same minute values, so any partition of a range into buckets sums to
/// the same totals.
/// </summary>
internal sealed class UsageSource(UsageKind kind, IReadOnlyList<UsageStream> streams, TrafficModel traffic, NearCapPlan nearCap)
{
    private readonly ValueCache _cache = new(kind, streams, traffic);

    public UsageKind Kind => kind;

    public IReadOnlyList<UsageStream> Streams => streams;

    public void Prepare(IReadOnlyList<MinuteRange> ranges, DataWindow window) => _cache.Prepare(ranges, window);

    /// <summary>Adds the stream's components over the minutes [from, to) visible in <paramref name="window"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRange(UsageStream stream, long from, long to, DataWindow window, MinuteScratch scratch, Span<long> totals)
    {
        from = Math.Max(from, traffic.Catalog.Timeline.DataStartMinute);
        to = Math.Min(to, window.NowMinute);
        if (window.Stops?.For(stream.Project) is { Count: > 0 } stops)
        {
            // A project cut off by a reached spend limit has no usage while the stop lasts.
            var open = window with { Stops = null };
            var cursor = from;
            foreach (var (stopFrom, stopTo) in stops)
            {
                if (stopFrom >= to)
                {
                    break;
                }

                if (stopFrom > cursor)
                {
                    AddRange(stream, cursor, stopFrom, open, scratch, totals);
                }

                cursor = Math.Max(cursor, stopTo);
            }

            if (cursor < to)
            {
                AddRange(stream, cursor, to, open, scratch, totals);
            }

            return;
        }

        for (var minute = from; minute < to;)
        {
            var day = minute / Timeline.MinutesPerDay;
            if (minute % Timeline.MinutesPerDay == 0 && minute + Timeline.MinutesPerDay <= to && ValueCache.IsSettled(day, window) &&
                !nearCap.Overrides(kind, stream, day * 24, day * 24 + 24))
            {
                Add(totals, _cache.DaySum(stream, day));
                minute += Timeline.MinutesPerDay;
                continue;
            }

            var hour = minute / 60;
            var hourStart = hour * 60;
            if (minute == hourStart && minute + 60 <= to)
            {
                HourTotals(stream, hour, window, scratch);
                Add(totals, scratch.Hour);
                minute += 60;
                continue;
            }

            var end = Math.Min(hourStart + 60, to);
            var prefix = scratch.Prefix(this, stream, hour, window);
            for (var c = 0; c < kind.ComponentCount; c++)
            {
                totals[c] += prefix[c * 61 + (int)(end - hourStart)] - prefix[c * 61 + (int)(minute - hourStart)];
            }

            minute = end;
        }
    }

    /// <summary>Cumulative minute values of one hour: prefix[c × 61 + i] is the sum of component c over minutes [0, i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MinutePrefix(UsageStream stream, long hour, DataWindow window, MinuteScratch scratch, Span<long> prefix)
    {
        var epoch = window.EpochAt(hour);
        var values = scratch.Hour;
        var cumulative = scratch.Cumulative;
        _cache.Hour(stream, hour, window, values);
        MinuteSplit.Cumulative(stream.Key, hour, cumulative);
        var total = cumulative[60];
        if (!nearCap.Overrides(kind, stream, hour))
        {
            for (var c = 0; c < kind.ComponentCount; c++)
            {
                var value = DataWindow.Revise(values[c], epoch);
                for (var i = 0; i <= 60; i++)
                {
                    prefix[c * 61 + i] = MinuteSplit.Part(value, cumulative[i], total);
                }
            }

            return;
        }

        var minutes = scratch.Minutes;
        for (var c = 0; c < kind.ComponentCount; c++)
        {
            for (var i = 0; i < 60; i++)
            {
                minutes[c * 60 + i] = MinuteSplit.Part(values[c], cumulative[i + 1], total) - MinuteSplit.Part(values[c], cumulative[i], total);
            }
        }

        nearCap.Apply(stream, hour, minutes);
        for (var c = 0; c < kind.ComponentCount; c++)
        {
            prefix[c * 61] = 0;
            for (var i = 0; i < 60; i++)
            {
                prefix[c * 61 + i + 1] = prefix[c * 61 + i] + DataWindow.Revise(minutes[c * 60 + i], epoch);
            }
        }
    }

    /// <summary>Leaves the hour's (revised) totals in <see cref="MinuteScratch.Hour"/>.</summary>
    private void HourTotals(UsageStream stream, long hour, DataWindow window, MinuteScratch scratch)
    {
        var totals = scratch.Hour;
        if (nearCap.Overrides(kind, stream, hour))
        {
            var prefix = scratch.Prefix(this, stream, hour, window);
            for (var c = 0; c < kind.ComponentCount; c++)
            {
                totals[c] = prefix[c * 61 + 60];
            }

            return;
        }

        _cache.Hour(stream, hour, window, totals);
        var epoch = window.EpochAt(hour);
        for (var c = 0; c < kind.ComponentCount; c++)
        {
            totals[c] = DataWindow.Revise(totals[c], epoch);
        }
    }

    private static void Add(Span<long> totals, ReadOnlySpan<long> values)
    {
        for (var c = 0; c < totals.Length; c++)
        {
            totals[c] += values[c];
        }
    }
}
