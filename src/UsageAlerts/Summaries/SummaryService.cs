using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>Runs a summary: reads the range once, aggregates while streaming, shapes the document.</summary>
internal sealed class SummaryService(
    SummaryReader reader,
    CatalogReader catalog,
    Pricing.PricingStore pricing,
    IOptions<SummaryOptions> options,
    TimeProvider timeProvider,
    ILogger<SummaryService> logger)
{
    /// <summary>The stored metrics the CSV columns need; JSON reads whole rows to report every metric.</summary>
    private static readonly IReadOnlyList<string> CsvMetrics = [.. HeadlineMetric.All.Select(m => m.Metric).Distinct(StringComparer.Ordinal)];

    public async Task<SummaryDocument> SummarizeAsync(SummaryQuery query, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var today = Periods.Day(now);
        var aggregator = new SummaryAggregator(query.GroupBy, query.Filter, today, options.Value.MaxGroups);
        var plan = new ReadPlan(query.Range, query.Range, query.Filter)
        {
            UsageMetrics = query.Format == SummaryFormat.Csv ? CsvMetrics : null,
            MonthlyRollups = !query.GroupBy.Any(d => d is Dimension.Day or Dimension.Week),
            // Packs summed to what the request groups and filters by: the same figures from a fraction of the records,
            // so even a year filtered to one project stays in the cache.
            View = Storage.Rollups.PackView.Keeping(query.GroupBy.Concat(query.Filter.Values.Keys)),
            CostStream = ReadPlan.CostStreamFor(query.Filter, query.GroupBy),
        };
        var names = query.GroupBy.Contains(Dimension.Project) ? catalog.ProjectNamesAsync(cancellationToken) : Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
        var estimates = plan.CostStream == Pricing.CostEstimator.PerKeyStream
            ? await pricing.EstimatesAsync(query.Range.From, query.Range.To, cancellationToken)
            : null;
        var read = await reader.ReadAsync(plan, aggregator, cancellationToken);
        var document = SummaryDocumentBuilder.Build(query, aggregator, await names, today, now, read, estimates);
        var elapsed = timeProvider.GetElapsedTime(started);
        SummariesLog.Served(logger, "summary", document.From, document.To, read.Rows, aggregator.Count, (long)elapsed.TotalMilliseconds);
        return document;
    }
}
