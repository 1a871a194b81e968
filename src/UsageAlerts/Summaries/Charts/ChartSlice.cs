namespace UsageAlerts.Summaries.Charts;

/// <summary>One slice of a share chart; <see cref="Label"/> is the tooltip and legend text.</summary>
internal sealed record ChartSlice(string Name, double Value, string Color, string Label);
