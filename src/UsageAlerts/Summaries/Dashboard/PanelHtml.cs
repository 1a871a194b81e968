using System.Text;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Small HTML pieces the panels share: legends with SVG swatches (no style attributes) and empty states.</summary>
internal static class PanelHtml
{
    /// <summary>viewBox width of charts in half-width panels, so their text renders near the page's size.</summary>
    public const double HalfPanelWidth = 560;

    public static string Legend(IEnumerable<(string Color, string Text)> items)
    {
        var html = new StringBuilder("<ul class=\"legend\">");
        foreach (var (color, text) in items)
        {
            html.Append("<li><svg class=\"swatch\" viewBox=\"0 0 10 10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" rx=\"2\" fill=\"")
                .Append(color).Append("\"/></svg>").Append(Html.Encode(text)).Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }

    public static string Legend(IEnumerable<ChartSeries> series) => Legend(series.Select(s => (s.Color, s.Name)));

    public static string Empty(string message) => $"<p class=\"empty\">{Html.Encode(message)}</p>";

    public static string Caption(string text) => $"<p class=\"caption\">{Html.Encode(text)}</p>";

    /// <summary>An axis label for a period: <c>Nov 23</c> for days, <c>Nov 2026</c> for months.</summary>
    public static string PeriodLabel(DateOnly start, Dimension period) =>
        start.ToString(period == Dimension.Month ? "MMM yyyy" : "MMM d", System.Globalization.CultureInfo.InvariantCulture);
}
