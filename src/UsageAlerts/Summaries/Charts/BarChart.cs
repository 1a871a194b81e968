namespace UsageAlerts.Summaries.Charts;

/// <summary>
/// A vertical bar chart over categories (days, weeks), stacked or side by side. Negative values (credits) are not
/// drawn: a bar shows what was spent or used; totals elsewhere include them.
/// </summary>
internal static class BarChart
{
    private const double Height = 300;
    private const double Left = 64;
    private const double Right = 8;
    private const double Top = 12;
    private const double Bottom = 36;
    private const int MaxAxisLabels = 12;

    public static string Render(BarChartData data)
    {
        var width = data.Width;
        var count = data.Categories.Count;
        var plotWidth = width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var scale = AxisScale.For(Enumerable.Range(0, count).Select(i => data.Stacked
            ? data.Series.Sum(s => Math.Max(0, s.Values[i]))
            : data.Series.Max(s => s.Values[i])).DefaultIfEmpty(0).Max());
        double Y(double value) => Top + plotHeight - (value / scale.Max * plotHeight);

        var svg = new SvgWriter(width, Height, data.Label);
        foreach (var tick in scale.Ticks())
        {
            svg.Line(Left, Y(tick), width - Right, Y(tick), tick == 0 ? "axis" : "grid");
            svg.Text(Left - 6, Y(tick) + 4, data.AxisFormat(tick), "end", "tick");
        }

        var slot = plotWidth / Math.Max(1, count);
        var barWidth = slot * 0.8;
        var every = (int)Math.Ceiling(count / (double)MaxAxisLabels);
        for (var i = 0; i < count; i++)
        {
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            var cssClass = data.Faded?.Contains(i) == true ? "bar faded" : "bar";
            double stackedTop = 0;
            for (var s = 0; s < data.Series.Count; s++)
            {
                var series = data.Series[s];
                var value = series.Values[i];
                if (value <= 0)
                {
                    continue;
                }

                var title = $"{data.Categories[i]} · {series.Name}: {data.Format(value)}";
                (string, string)[] attributes = [("series", series.Name), ("category", data.Categories[i]), ("value", SvgWriter.N(value))];

                if (data.Stacked)
                {
                    svg.Rect(x, Y(stackedTop + value), barWidth, Y(stackedTop) - Y(stackedTop + value), series.Color, title, cssClass, attributes);
                    stackedTop += value;
                }
                else
                {
                    var seriesWidth = barWidth / data.Series.Count;
                    svg.Rect(x + (s * seriesWidth), Y(value), seriesWidth, Y(0) - Y(value), series.Color, title, cssClass, attributes);
                }
            }

            if (i % every == 0)
            {
                svg.Text(x + (barWidth / 2), Height - Bottom + 16, data.Categories[i], "middle", "tick");
            }
        }

        return svg.ToString();
    }
}
