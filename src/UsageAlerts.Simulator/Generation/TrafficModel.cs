using System.Runtime.CompilerServices;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Generation;

/// <summary>
/// The value of one stream in one UTC hour, a pure function of (seed, stream, hour): rate at the daily peak,
/// shaped by the project's office hours, the weekday and the scenarios, with deterministic noise.
/// </summary>
internal sealed class TrafficModel(OrgCatalog catalog, ScenarioShaping shaping)
{
    public const double MaxNoise = 1.3;
    public const double MaxJitter = 1.15;

    // The generation and aggregation loops are marked AggressiveOptimization: a single request runs them millions
    // of times, long before tiered compilation would get round to optimizing them.

    public OrgCatalog Catalog => catalog;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hour(UsageKind kind, UsageStream stream, long hour, Span<long> components)
    {
        components.Clear();
        var scale = DayScale(stream, hour / 24);
        if (scale > 0 && hour >= catalog.Timeline.DataStartHour)
        {
            Fill(kind, stream, hour, scale * Level(stream, hour) * shaping.HourFactor(stream.Project, hour), components);
        }
    }

    /// <summary>Adds the 24 hours of a UTC day; the day-level factors are worked out once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddDay(UsageKind kind, UsageStream stream, long day, Span<long> totals, Span<long> scratch)
    {
        var scale = DayScale(stream, day);
        if (scale <= 0)
        {
            return;
        }

        for (var hour = Math.Max(day * 24, catalog.Timeline.DataStartHour); hour < day * 24 + 24; hour++)
        {
            scratch.Clear();
            Fill(kind, stream, hour, scale * Level(stream, hour) * shaping.HourFactor(stream.Project, hour), scratch);
            for (var c = 0; c < totals.Length; c++)
            {
                totals[c] += scratch[c];
            }
        }
    }

    /// <summary>An upper bound of events in any hour, for sizing rate limits above the traffic.</summary>
    public double MaxEventsPerHour(UsageStream stream) =>
        stream.PeakRate * ScenarioShaping.MaxLevel * shaping.MaxDayFactor(stream.Project) * MaxNoise + 1;

    /// <summary>The day's factor, or 0 when the stream has no traffic that day (archived project, idle day).</summary>
    private double DayScale(UsageStream stream, long day)
    {
        var project = stream.Project >= 0 ? catalog.Projects[stream.Project] : null;
        if (day * 24 >= project?.ArchivedHour)
        {
            return 0;
        }

        var active = stream.Activity >= 1 || StableHash.Unit(StableHash.Combine(stream.Key, 0xDA, (ulong)day)) < stream.Activity;
        return active ? shaping.DayFactor(stream.Project, day) : 0;
    }

    private static double Level(UsageStream stream, long hour) =>
        stream.Flat ? ScenarioShaping.FlatLevel : ScenarioShaping.HourOfDay(hour, stream.UtcOffsetHours);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(UsageKind kind, UsageStream stream, long hour, double scale, Span<long> components)
    {
        var random = new DeterministicRandom(StableHash.Combine(stream.Key, (ulong)hour));
        var events = (long)(stream.PeakRate * scale * (0.7 + 0.6 * random.NextDouble()) + random.NextDouble());
        if (events == 0)
        {
            return;
        }

        for (var c = 0; c < components.Length; c++)
        {
            components[c] = c == kind.CountComponent
                ? events
                : (long)(events * stream.PerEvent[c] * (0.85 + 0.3 * random.NextDouble()));
        }
    }
}
