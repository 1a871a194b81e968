using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// Reads what the dashboard draws: usage of the model endpoints (tokens and requests only) over the range, and costs
/// over the range plus the equally long range before it (for the movers). Charted by month, sealed months come from
/// rollups.
/// </summary>
internal sealed class DashboardService(
    SummaryReader reader,
    Storage.Rollups.DataStart dataStart,
    CatalogReader catalog,
    IOptions<SummaryOptions> options,
    IOptions<OpenAiOptions> openAi,
    TimeProvider timeProvider,
    ILogger<DashboardService> logger)
{
    private static readonly IReadOnlySet<string> UsageKinds = new HashSet<string>(HeadlineMetric.ModelEndpoints, StringComparer.Ordinal);
    private static readonly IReadOnlyList<string> UsageMetrics = [HeadlineMetric.InputTokens.Metric, HeadlineMetric.OutputTokens.Metric, HeadlineMetric.ModelRequests.Metric];

    public async Task<DashboardData> LoadAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var data = DashboardData.For(query, timeProvider.GetUtcNow(), openAi.Value.OrganizationName, await catalog.ProjectNamesAsync(cancellationToken), options.Value.MaxGroups);
        var start = dataStart.FirstCostDayAsync(cancellationToken);
        // One read per view, each asking the packs summed to what that view groups and filters by (a fraction of
        // their groups), cached per view: a warm dashboard hands on thousands of records, not every group of 60 days.
        var filtered = query.Filter.Values.Keys;
        (Dimension[] Keep, SummaryAggregator View, bool Previous)[] reads =
        [
            ([Dimension.Project, .. filtered], data.ByProject, true),
            ([query.Stack, .. filtered], data.CostByPeriod, false),
            ([.. filtered], data.ByPeriod, false),
            ([Dimension.Model, Dimension.Project, .. filtered], data.ByModelAndProject, false),
        ];
        foreach (var (keep, view, previous) in reads)
        {
            var plan = new ReadPlan(query.Range, previous ? new SummaryRange(query.Range.Previous.From, query.Range.To) : query.Range, query.Filter)
            {
                UsageKinds = UsageKinds,
                UsageMetrics = UsageMetrics,
                MonthlyRollups = query.Period == Dimension.Month,
                CostStream = ReadPlan.CostStreamFor(query.Filter, []),
                View = Storage.Rollups.PackView.Keeping(keep),
            };
            data.RowsRead += (await reader.ReadAsync(plan, new DashboardSink(data, [view], previous), cancellationToken)).Rows;
        }

        data.DataStart = await start;
        var elapsed = timeProvider.GetElapsedTime(started);
        SummariesLog.DashboardServed(logger, query.Range.Days, data.RowsRead, (long)elapsed.TotalMilliseconds);
        return data;
    }
}
