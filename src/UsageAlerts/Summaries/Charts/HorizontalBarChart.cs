namespace UsageAlerts.Summaries.Charts;

/// <summary>
/// Horizontal stacked bars, one row per category (models: long names read better on the left than under a bar),
/// segments per series.
/// </summary>
internal static class HorizontalBarChart
{
    private const double Left = 190;
    private const double Right = 12;
    private const double Top = 8;
    private const double Bottom = 28;
    private const double RowHeight = 26;
    private const int LabelLength = 28;

    public static string Render(BarChartData data)
    {
        var width = data.Width;
        var count = data.Categories.Count;
        var height = Top + Bottom + (count * RowHeight);
        var plotWidth = width - Left - Right;
        var scale = AxisScale.For(Enumerable.Range(0, count).Select(i => data.Series.Sum(s => Math.Max(0, s.Values[i]))).DefaultIfEmpty(0).Max());
        double X(double value) => Left + (value / scale.Max * plotWidth);

        var svg = new SvgWriter(width, height, data.Label);
        foreach (var tick in scale.Ticks())
        {
            svg.Line(X(tick), Top, X(tick), height - Bottom, tick == 0 ? "axis" : "grid");
            svg.Text(X(tick), height - Bottom + 16, data.AxisFormat(tick), "middle", "tick");
        }

        for (var i = 0; i < count; i++)
        {
            var y = Top + (i * RowHeight) + 4;
            var category = data.Categories[i];
            svg.Text(Left - 8, y + (RowHeight / 2) + 1, Html.Shorten(category, LabelLength), "end", "label", category);
            double start = 0;
            foreach (var series in data.Series)
            {
                var value = series.Values[i];
                if (value <= 0)
                {
                    continue;
                }

                svg.Rect(X(start), y, X(start + value) - X(start), RowHeight - 8, series.Color, $"{category} · {series.Name}: {data.Format(value)}", "bar",
                    ("series", series.Name), ("category", category), ("value", SvgWriter.N(value)));
                start += value;
            }
        }

        return svg.ToString();
    }
}
