using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Organization;

/// <summary>
/// The demo's spend controls, sized from the organization's own spend at its origin so they tell the same story
/// for any seed: the overrun project's hard limit is its month-to-date spend plus half of its last 24 hours, so it
/// is reached within the day; the spike project has a comfortable limit; the organization's limit covers a month
/// at the last day's rate; every other project has none (its GET answers 404). Limits count as set when history
/// starts, so they enforce from the origin's month on.
/// </summary>
internal static class SpendPlanner
{
    public static void Plan(SpendBook book, OrgCatalog catalog, ScenarioShaping shaping, DataWindow window)
    {
        var origin = window.NowMinute;
        var since = catalog.Timeline.DataStartMinute;
        var monthStart = Timeline.MinuteOf(ScenarioPlanner.MonthStart(DateTimeOffset.FromUnixTimeSeconds(origin * 60)));
        var sources = UsageKinds.All.Select(kind => new UsageSource(kind, catalog.Streams[kind], new TrafficModel(catalog, shaping), NearCapPlan.Create(false, catalog, 0, 0))).ToList();
        (decimal MonthToDate, decimal LastDay) Spend(int? project)
        {
            var filter = project is { } p
                ? new UsageFilter(new Dictionary<Dimension, IReadOnlySet<string>> { [Dimension.ProjectId] = new HashSet<string> { catalog.Projects[p].Id } })
                : UsageFilter.None;
            var rows = CostAggregator.Aggregate(sources, catalog.LineItems, filter, default, [new(monthStart, origin), new(origin - Timeline.MinutesPerDay, origin)], window);
            return (rows[0].Sum(r => r.Amount), rows[1].Sum(r => r.Amount));
        }

        var research = Spend(shaping.OverrunProject);
        var researchLimit = Cents(research.MonthToDate + (research.LastDay / 2));
        book.SetLimit(shaping.OverrunProject, researchLimit, since);
        book.SaveAlert(shaping.OverrunProject, null, researchLimit * 8 / 10, ["research-leads@example.com"], "[Research]");

        var spike = Spend(shaping.SpikeProject);
        book.SetLimit(shaping.SpikeProject, Cents((spike.MonthToDate * 3) + 100m), since);

        var organization = Spend(null);
        var organizationLimit = Cents(organization.MonthToDate + (organization.LastDay * 31) + 100m);
        book.SetLimit(null, organizationLimit, since);
        book.SaveAlert(null, null, organizationLimit / 2, ["finance@example.com", "platform@example.com"], null);
    }

    /// <summary>Whole dollars, in cents: limits people set are round.</summary>
    private static long Cents(decimal usd) => (long)decimal.Ceiling(usd) * 100;
}
