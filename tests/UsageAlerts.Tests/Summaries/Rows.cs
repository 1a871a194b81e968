using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Tests.Summaries;

/// <summary>Records as the storage reader would produce them, for aggregation tests without storage.</summary>
internal static class Rows
{
    public static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    public static UsageRecord Usage(string day, string? project, string? model, long input, long output = 0, long requests = 0, string kind = "completions", string? apiKey = null) =>
        new(Periods.Midnight(D(day)), kind, project, model, apiKey,
        [
            new("input_tokens", input),
            new("output_tokens", output),
            new("num_model_requests", requests),
        ]);

    public static UsageRecord Metric(string day, string kind, string? project, string metric, long value) =>
        new(Periods.Midnight(D(day)), kind, project, null, null, [new(metric, value)]);

    public static CostRecord Cost(string day, string? project, string? lineItem, decimal amount, string? apiKey = null) =>
        new(D(day), project, lineItem, apiKey, amount);

    public static SummaryAggregator Aggregate(IReadOnlyList<Dimension> groupBy, IEnumerable<object> rows, SummaryFilter? filter = null, string provisionalFrom = "2030-01-01")
    {
        var aggregator = new SummaryAggregator(groupBy, filter ?? SummaryFilter.None, D(provisionalFrom), 10_000);
        foreach (var row in rows)
        {
            switch (row)
            {
                case UsageRecord usage:
                    aggregator.Add(usage);
                    break;
                case CostRecord cost:
                    aggregator.Add(cost);
                    break;
            }
        }

        return aggregator;
    }

    public static SummaryFilter Filter(Dimension dimension, params string[] values) =>
        new(new Dictionary<Dimension, IReadOnlySet<string>> { [dimension] = new HashSet<string>(values, StringComparer.Ordinal) });

    public static Dictionary<GroupKey, GroupTotals> ByKey(this SummaryAggregator aggregator) =>
        aggregator.Groups().ToDictionary(g => g.Key, g => g.Value);
}
