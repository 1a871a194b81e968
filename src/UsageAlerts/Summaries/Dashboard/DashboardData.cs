using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// Everything the dashboard draws, aggregated in one read of the range (and of the previous range's costs, for
/// the movers). Each aggregator is one view of the same rows.
/// </summary>
internal sealed class DashboardData
{
    private Dictionary<string, int>? _projectRanks;

    public required DashboardQuery Query { get; init; }

    public required DateOnly Today { get; init; }

    public required string Organization { get; init; }

    public required IReadOnlyDictionary<string, string> ProjectNames { get; init; }

    /// <summary>Cost by period and the stack dimension.</summary>
    public required SummaryAggregator CostByPeriod { get; init; }

    /// <summary>Usage (and cost) by period.</summary>
    public required SummaryAggregator ByPeriod { get; init; }

    /// <summary>Requests by model and project.</summary>
    public required SummaryAggregator ByModelAndProject { get; init; }

    public required SummaryAggregator ByProject { get; init; }

    /// <summary>Costs of the equally long range just before, by project.</summary>
    public required SummaryAggregator PreviousByProject { get; init; }

    public long RowsRead { get; set; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>A project's colour, the same in every chart: projects are ranked by spend, then requests.</summary>
    public string ProjectColor(string? projectId)
    {
        _projectRanks ??= ByProject.Groups()
            .OrderByDescending(g => g.Value.CostUsd).ThenByDescending(g => g.Value.Headline(HeadlineMetric.ModelRequests))
            .Select((g, rank) => (Key: g.Key.First ?? "", rank))
            .ToDictionary(p => p.Key, p => p.rank, StringComparer.Ordinal);
        return Palette.At(_projectRanks.GetValueOrDefault(projectId ?? ""));
    }

    /// <summary>Empty views of a query, ready to be fed through a <see cref="DashboardSink"/>.</summary>
    public static DashboardData For(DashboardQuery query, DateTimeOffset now, string organization, IReadOnlyDictionary<string, string> projectNames, int maxGroups)
    {
        var today = Periods.Day(now);
        SummaryAggregator View(params Dimension[] groupBy) => new(groupBy, query.Filter, today, maxGroups);
        return new DashboardData
        {
            Query = query,
            Today = today,
            GeneratedAt = now,
            Organization = organization,
            ProjectNames = projectNames,
            CostByPeriod = View(query.Period, query.Stack),
            ByPeriod = View(query.Period),
            ByModelAndProject = View(Dimension.Model, Dimension.Project),
            ByProject = View(Dimension.Project),
            PreviousByProject = View(Dimension.Project),
        };
    }

    public string ProjectLabel(string? projectId) =>
        projectId is null ? "(no project)" : ProjectNames.TryGetValue(projectId, out var name) && name != projectId ? $"{name} ({projectId})" : projectId;

    public string ProjectName(string? projectId) =>
        projectId is null ? "(no project)" : ProjectNames.GetValueOrDefault(projectId, projectId);
}
