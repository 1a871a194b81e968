using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>A validated summary request.</summary>
internal sealed record SummaryQuery(SummaryRange Range, IReadOnlyList<Dimension> GroupBy, SummaryFilter Filter, SummaryFormat Format);
