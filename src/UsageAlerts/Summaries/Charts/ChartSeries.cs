namespace UsageAlerts.Summaries.Charts;

/// <summary>One coloured series of a chart: a value per category.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>
/// Data for a bar chart: one bar (or bar group) per category; <paramref name="Format"/> writes values in tooltips
/// and axis labels; <paramref name="Faded"/> marks categories drawn lighter (provisional days). <paramref name="Width"/>
/// is the viewBox width: a chart in a half-width panel uses a narrower one so its text is not shrunk.
/// </summary>
internal sealed record BarChartData(
    string Label,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    Func<double, string> Format,
    Func<double, string> AxisFormat,
    bool Stacked,
    IReadOnlySet<int>? Faded = null,
    double Width = 800);
