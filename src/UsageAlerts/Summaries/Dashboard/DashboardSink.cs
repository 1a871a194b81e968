using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Hands each row to every view of the current range, and earlier costs to the previous-range view only.</summary>
internal sealed class DashboardSink(DashboardData data) : ISummarySink
{
    private readonly SummaryAggregator[] _current = [data.CostByPeriod, data.ByPeriod, data.ByModelAndProject, data.ByProject];

    public void Add(UsageRecord row)
    {
        foreach (var view in _current)
        {
            view.Add(row);
        }
    }

    public void Add(CostRecord row)
    {
        if (!data.Query.Range.Contains(row.Day))
        {
            data.PreviousByProject.Add(row);
            return;
        }

        foreach (var view in _current)
        {
            view.Add(row);
        }
    }
}
