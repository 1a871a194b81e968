using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Aggregation;

/// <summary>
/// Generated (unrevised) values of one kind's streams, cached per UTC day: daily sums of settled days, which can
/// no longer change, and hourly values of recent days, which every request near "now" reads again. The near-cap
/// scenario's minutes are not in here: <see cref="UsageSource"/> sends those hours down the minute path.
/// </summary>
internal sealed class ValueCache(UsageKind kind, IReadOnlyList<UsageStream> streams, TrafficModel traffic)
{
    private readonly ConcurrentDictionary<long, Lazy<long[]>> _daySums = new();
    private readonly ConcurrentDictionary<long, Lazy<long[]>> _hours = new();
    private readonly int _width = kind.ComponentCount;

    /// <summary>A day is settled once it has ended and lies before the revision window, which only moves forward.</summary>
    public static bool IsSettled(long day, DataWindow window) =>
        (day + 1) * 24 <= window.RevisionStartHour && (day + 1) * Timeline.MinutesPerDay <= window.NowMinute;

    public ReadOnlySpan<long> DaySum(UsageStream stream, long day) => Get(_daySums, day, SumDay).AsSpan(stream.Index * _width, _width);

    /// <summary>The stream's generated values in the hour, from the cache for recent days.</summary>
    public void Hour(UsageStream stream, long hour, DataWindow window, Span<long> values)
    {
        if (IsSettled(hour / 24, window))
        {
            traffic.Hour(kind, stream, hour, values);
            return;
        }

        Get(_hours, hour / 24, HoursOfDay).AsSpan((stream.Index * 24 + (int)(hour % 24)) * _width, _width).CopyTo(values);
    }

    /// <summary>Fills, in parallel, the caches a request over these ranges needs, and drops hours of settled days.</summary>
    public void Prepare(IReadOnlyList<MinuteRange> ranges, DataWindow window)
    {
        var work = new Dictionary<long, Action>();
        foreach (var range in ranges)
        {
            var from = Math.Max(range.From, traffic.Catalog.Timeline.DataStartMinute);
            var to = Math.Min(range.To, window.NowMinute);
            for (var day = from / Timeline.MinutesPerDay; day * Timeline.MinutesPerDay < to; day++)
            {
                var whole = day * Timeline.MinutesPerDay >= from && (day + 1) * Timeline.MinutesPerDay <= to;
                if (!IsSettled(day, window))
                {
                    var recentDay = day;
                    work.TryAdd(day, () => Get(_hours, recentDay, HoursOfDay));
                }
                else if (whole)
                {
                    var settledDay = day;
                    work.TryAdd(day, () => Get(_daySums, settledDay, SumDay));
                }
            }
        }

        foreach (var day in _hours.Keys.Where(day => IsSettled(day, window)))
        {
            _hours.TryRemove(day, out _);
        }

        Parallel.Invoke([.. work.Values]);
    }

    private static long[] Get(ConcurrentDictionary<long, Lazy<long[]>> cache, long day, Func<long, long[]> compute) =>
        cache.GetOrAdd(day, d => new Lazy<long[]>(() => compute(d))).Value;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long[] SumDay(long day)
    {
        var sums = new long[streams.Count * _width];
        var scratch = new long[_width];
        foreach (var stream in streams)
        {
            traffic.AddDay(kind, stream, day, sums.AsSpan(stream.Index * _width, _width), scratch);
        }

        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long[] HoursOfDay(long day)
    {
        var values = new long[streams.Count * 24 * _width];
        foreach (var stream in streams)
        {
            for (var h = 0; h < 24; h++)
            {
                traffic.Hour(kind, stream, day * 24 + h, values.AsSpan((stream.Index * 24 + h) * _width, _width));
            }
        }

        return values;
    }
}
