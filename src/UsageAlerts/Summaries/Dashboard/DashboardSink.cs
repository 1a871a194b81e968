using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// Hands each row of the range to its views, and earlier costs to the previous-range view when this read feeds it.
/// </summary>
internal sealed class DashboardSink(DashboardData data, IReadOnlyList<SummaryAggregator> current, bool previous) : ISummarySink
{
    public void Add(UsageRecord row)
    {
        foreach (var view in current)
        {
            view.Add(row);
        }
    }

    public void Add(CostRecord row)
    {
        if (!data.Query.Range.Contains(row.Day))
        {
            if (previous)
            {
                data.PreviousByProject.Add(row);
            }

            return;
        }

        foreach (var view in current)
        {
            view.Add(row);
        }
    }
}
