using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>Shapes aggregated totals into the <see cref="SummaryDocument"/> both JSON and CSV are written from.</summary>
internal static class SummaryDocumentBuilder
{
    public static SummaryDocument Build(
        SummaryQuery query,
        SummaryAggregator aggregator,
        IReadOnlyDictionary<string, string> projectNames,
        DateOnly provisionalFrom,
        DateTimeOffset generatedAt,
        ReadResult read,
        IReadOnlyList<Pricing.DayEstimate>? estimates = null)
    {
        var projectIndex = query.GroupBy.ToList().IndexOf(Dimension.Project);
        var groups = aggregator.Groups().Select(g =>
        {
            var key = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                key[query.GroupBy[i].Name()] = g.Key[i];
            }

            var name = projectIndex >= 0 && g.Key[projectIndex] is { } id ? projectNames.GetValueOrDefault(id) : null;
            return Row(key, name, g.Value);
        }).ToList();

        var filters = query.Filter.Values.ToDictionary(
            f => f.Key.Name(), f => (IReadOnlyList<string>)[.. f.Value.Order(StringComparer.Ordinal)], StringComparer.Ordinal);
        return new SummaryDocument(
            Periods.Format(query.Range.From),
            Periods.Format(query.Range.To),
            [.. query.GroupBy.Select(d => d.Name())],
            filters,
            generatedAt,
            Periods.Format(provisionalFrom),
            [.. SummaryNotes.For(query, provisionalFrom, read), .. PerKeyNotes.For(estimates, query.Filter)],
            Row(null, null, aggregator.Total),
            groups,
            read.Rows,
            read.RollupMonths);
    }

    private static SummaryRow Row(IReadOnlyDictionary<string, string?>? key, string? projectName, GroupTotals totals)
    {
        var metrics = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var headline in HeadlineMetric.All)
        {
            metrics[headline.Column] = totals.Headline(headline);
        }

        var hasCost = totals.CostRows > 0;
        return new SummaryRow(
            key,
            projectName,
            hasCost ? totals.CostUsd : null,
            hasCost ? totals.ProvisionalCostUsd : null,
            totals.CostStatus,
            metrics,
            totals.ByKind())
        {
            CostEstimatedUsd = totals.EstimatedCostRows > 0 ? totals.EstimatedCostUsd : null,
        };
    }
}
