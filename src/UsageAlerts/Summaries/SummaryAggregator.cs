using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Groups and sums rows on the fly: one <see cref="GroupTotals"/> per distinct key of the grouping dimensions, plus
/// the grand total. Rows outside the filter are dropped here even if storage already filtered them, so the answer
/// never depends on what the query could push down. Cost on or after <c>provisionalFrom</c> is provisional.
/// </summary>
internal sealed class SummaryAggregator(IReadOnlyList<Dimension> groupBy, SummaryFilter filter, DateOnly provisionalFrom, int maxGroups) : ISummarySink
{
    private readonly Dictionary<GroupKey, GroupTotals> _groups = [];

    public GroupTotals Total { get; } = new();

    public int Count => _groups.Count;

    public void Add(UsageRecord row)
    {
        if (!filter.Matches(row))
        {
            return;
        }

        var key = Key(dimension => dimension switch
        {
            Dimension.Project => row.ProjectId,
            Dimension.Model => row.Model,
            Dimension.LineItem => null,
            Dimension.ApiKey => row.ApiKeyId,
            _ => Periods.Format(Periods.StartOf(row.Day, dimension)),
        });
        Group(key).AddUsage(row);
        Total.AddUsage(row);
    }

    public void Add(CostRecord row)
    {
        if (!filter.Matches(row))
        {
            return;
        }

        var key = Key(dimension => dimension switch
        {
            Dimension.Project => row.ProjectId,
            Dimension.Model => row.Model,
            Dimension.LineItem => row.LineItem,
            Dimension.ApiKey => row.ApiKeyId,
            _ => Periods.Format(Periods.StartOf(row.Day, dimension)),
        });
        var provisional = row.Day >= provisionalFrom;
        Group(key).AddCost(row, provisional);
        Total.AddCost(row, provisional);
    }

    /// <summary>Groups ordered by their key values: periods ascending, names ordinally with "none" (null) last.</summary>
    public IReadOnlyList<KeyValuePair<GroupKey, GroupTotals>> Groups() =>
        [.. _groups.OrderBy(g => g.Key.First is null).ThenBy(g => g.Key.First, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Second is null).ThenBy(g => g.Key.Second, StringComparer.Ordinal)];

    private GroupKey Key(Func<Dimension, string?> valueOf) =>
        new(groupBy.Count > 0 ? valueOf(groupBy[0]) : null, groupBy.Count > 1 ? valueOf(groupBy[1]) : null);

    private GroupTotals Group(GroupKey key)
    {
        if (!_groups.TryGetValue(key, out var totals))
        {
            if (_groups.Count >= maxGroups)
            {
                throw new TooManyGroupsException(maxGroups);
            }

            _groups[key] = totals = new GroupTotals();
        }

        return totals;
    }
}
