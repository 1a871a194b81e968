using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Organization;

/// <summary>Places the scenarios relative to the origin and sizes the overrun from the project's own spend.</summary>
internal static class ScenarioPlanner
{
    public const double SpikeFactor = 14;
    private const double OverrunTarget = 1.5;

    // A real overrun builds up over days. Early in a month the target shrinks with the days elapsed, so on the 1st
    // the project runs hot (a forecast overrun) instead of spending a month's overspend in a few hours.
    private const double OverrunBuildUpDays = 7;

    public static ScenarioShaping Shape(SimulatorOptions options, OrgCatalog catalog)
    {
        var origin = catalog.Timeline.Origin;
        var monthStart = MonthStart(origin);
        var unscaled = new ScenarioShaping(
            options.Scenarios,
            ProjectCatalog.Research,
            monthStart.ToUnixTimeSeconds() / 3600,
            monthStart.AddMonths(1).ToUnixTimeSeconds() / 3600,
            OverrunScale: 1,
            ProjectCatalog.Spike(catalog.Projects.Count),
            SpikeDay: origin.ToUnixTimeSeconds() / 86_400 - 1,
            SpikeFactor)
        {
            Surge = options.SurgeFrom is { } from ? (options.SurgeProject, from.ToUnixTimeSeconds() / 3600, options.SurgeFactor) : ScenarioShaping.NoSurge,
        };
        if (!options.Scenarios)
        {
            return unscaled;
        }

        var monthToDate = MonthToDateCost(catalog, unscaled, monthStart);
        var target = (decimal)(OverrunTarget * BuildUp(origin - monthStart)) * options.OverrunBudgetUsd;
        var scale = monthToDate > 0 && monthToDate < target ? (double)(target / monthToDate) : 1;
        return unscaled with { OverrunScale = scale };
    }

    private static double BuildUp(TimeSpan elapsed) => Math.Min(1, elapsed.TotalDays / OverrunBuildUpDays);

    public static DateTimeOffset MonthStart(DateTimeOffset time) => new(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static decimal MonthToDateCost(OrgCatalog catalog, ScenarioShaping shaping, DateTimeOffset monthStart)
    {
        var traffic = new TrafficModel(catalog, shaping);
        var noNearCap = NearCapPlan.Create(false, catalog, 0, 0);
        var sources = UsageKinds.All.Select(kind => new UsageSource(kind, catalog.Streams[kind], traffic, noNearCap));
        var research = new UsageFilter(new Dictionary<Dimension, IReadOnlySet<string>>
        {
            [Dimension.ProjectId] = new HashSet<string> { catalog.Projects[ProjectCatalog.Research].Id },
        });
        var range = new MinuteRange(Timeline.MinuteOf(monthStart), catalog.Timeline.OriginMinute);
        var window = new DataWindow(catalog.Timeline.OriginMinute, long.MaxValue, 0);
        var rows = CostAggregator.Aggregate(sources, catalog.LineItems, research, default, [range], window);
        return rows[0].Sum(row => row.Amount);
    }
}
