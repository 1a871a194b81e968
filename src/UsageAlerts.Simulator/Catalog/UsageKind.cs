namespace UsageAlerts.Simulator.Catalog;

/// <summary>A JSON metric and the generated components it sums (input_tokens = uncached text + cached + audio).</summary>
internal sealed record MetricDef(string Name, int[] Components);

/// <summary>A query filter such as <c>models</c> or <c>sizes</c> and the dimension it restricts.</summary>
internal sealed record FilterDef(string Parameter, Dimension Dimension, IReadOnlyList<string>? AllowedValues = null);

/// <summary>
/// One usage endpoint: result object name, dimensions in OpenAI's field order, metrics printed before and after
/// the dimensions, and filters. Values are generated as components so that every metric of a minute is a sum
/// of parts, which keeps derived metrics consistent (cached tokens never exceed input tokens) at any width.
/// </summary>
internal sealed record UsageKind(
    string Name,
    string ResultObject,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<MetricDef> LeadingMetrics,
    IReadOnlyList<MetricDef> TrailingMetrics,
    int ComponentCount,
    int CountComponent,
    IReadOnlyList<FilterDef> Filters,
    bool HasBatchFilter = false)
{
    public IEnumerable<MetricDef> Metrics => LeadingMetrics.Concat(TrailingMetrics);
}
