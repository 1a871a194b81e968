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

    /// <summary>The first day of stored costs (null when none are stored): the previous period is compared only if it starts on or after it.</summary>
    public DateOnly? DataStart { get; set; }

    /// <summary>
    /// Whether the previous period was ingested whole. A period that begins before the first stored day (a fresh
    /// backfill) holds only part of its days, so a change against it would be an artefact, not a trend.
    /// </summary>
    public bool PreviousComparable => DataStart is { } start && start <= Query.Range.Previous.From;

    /// <summary>Why the previous period is not compared, for the page to say so.</summary>
    public string NotComparable => DataStart is { } start ? $"not comparable: data starts {Periods.Format(start)}" : "not comparable: no costs stored";

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
