using Microsoft.AspNetCore.Http;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// A validated <c>/api/dashboard</c> request: the range and filters of <c>/api/summary</c>, and <c>stack</c>
/// (<c>line_item</c> or <c>project</c>) for the cost chart.
/// </summary>
internal sealed record DashboardQuery(SummaryRange Range, SummaryFilter Filter, Dimension Stack)
{
    /// <summary>
    /// Ranges longer than this are charted by month: 400 daily bars would be slivers on a phone, and whole months of
    /// final data can be read from rollups instead of day by day.
    /// </summary>
    public const int MaxDailyBars = 92;

    public Dimension Period => Range.Days <= MaxDailyBars ? Dimension.Day : Dimension.Month;

    /// <summary>Every period start of the range, so days without data still take their place on the axis.</summary>
    public IReadOnlyList<DateOnly> Periods()
    {
        var periods = new List<DateOnly>();
        for (var start = Storage.Periods.StartOf(Range.From, Period); start < Range.To; start = Storage.Periods.EndOf(start, Period))
        {
            periods.Add(start);
        }

        return periods;
    }

    public static DashboardQuery Parse(HttpRequest request, SummaryOptions options, DateOnly today)
    {
        var reader = new QueryReader(request.Query, options);
        var range = reader.Range(today);
        var filter = SummaryQueryParser.ReadFilter(reader);
        var stack = reader.Single("stack")?.Trim().ToLowerInvariant() switch
        {
            null or "line_item" => Dimension.LineItem,
            "project" => Dimension.Project,
            var other => throw new BadParameterException("stack", "Unknown stack", $"'stack' must be line_item or project, got '{QueryReader.Echo(other)}'."),
        };
        return new DashboardQuery(range, filter, stack);
    }
}
