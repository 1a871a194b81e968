using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// The running totals of one summary group: cost (billed and provisional apart, exact decimals) and every usage
/// metric per endpoint. Levels (<see cref="HeadlineMetric.IsLevel"/>) keep per-day sums so the peak can be taken.
/// </summary>
internal sealed class GroupTotals
{
    private readonly Dictionary<(string Kind, string Metric), long> _sums = [];
    private Dictionary<(string Kind, string Metric), Dictionary<DateOnly, long>>? _levels;

    public decimal CostUsd { get; private set; }

    public decimal ProvisionalCostUsd { get; private set; }

    public long CostRows { get; private set; }

    public long ProvisionalCostRows { get; private set; }

    public long UsageRows { get; private set; }

    public decimal EstimatedCostUsd { get; private set; }

    public long EstimatedCostRows { get; private set; }

    /// <summary>
    /// none (no cost rows: unknown, not zero); estimated or partly_estimated (per-key costs derived from usage);
    /// otherwise billed, provisional or partly_provisional.
    /// </summary>
    public string CostStatus =>
        CostRows == 0 ? "none"
        : EstimatedCostRows == CostRows ? "estimated"
        : EstimatedCostRows > 0 ? "partly_estimated"
        : ProvisionalCostRows == 0 ? "billed"
        : ProvisionalCostRows == CostRows ? "provisional"
        : "partly_provisional";

    public void AddCost(CostRecord row, bool provisional)
    {
        CostUsd += row.AmountUsd;
        CostRows++;
        if (row.Estimated)
        {
            EstimatedCostUsd += row.AmountUsd;
            EstimatedCostRows++;
        }

        if (provisional)
        {
            ProvisionalCostUsd += row.AmountUsd;
            ProvisionalCostRows++;
        }
    }

    public void AddUsage(UsageRecord row)
    {
        UsageRows++;
        foreach (var (metric, value) in row.Metrics)
        {
            var key = (row.Kind, metric);
            if (HeadlineMetric.IsLevel(row.Kind, metric))
            {
                _levels ??= [];
                if (!_levels.TryGetValue(key, out var days))
                {
                    _levels[key] = days = [];
                }

                days[row.Day] = days.GetValueOrDefault(row.Day) + value;
            }
            else
            {
                _sums[key] = _sums.GetValueOrDefault(key) + value;
            }
        }
    }

    public long Metric(string kind, string metric) =>
        _levels is not null && _levels.TryGetValue((kind, metric), out var days) ? days.Values.Max() : _sums.GetValueOrDefault((kind, metric));

    public long Headline(HeadlineMetric headline) =>
        Keys().Where(k => k.Metric == headline.Metric && headline.Covers(k.Kind)).Sum(k => Metric(k.Kind, k.Metric));

    /// <summary>Every metric seen, by endpoint then metric name, sorted so output is stable.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> ByKind()
    {
        var result = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var (kind, metric) in Keys())
        {
            if (!result.TryGetValue(kind, out var metrics))
            {
                result[kind] = metrics = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }

            metrics[metric] = Metric(kind, metric);
        }

        return result;
    }

    private IEnumerable<(string Kind, string Metric)> Keys() => _levels is null ? _sums.Keys : _sums.Keys.Concat(_levels.Keys);
}
