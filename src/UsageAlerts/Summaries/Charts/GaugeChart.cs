using System.Globalization;

namespace UsageAlerts.Summaries.Charts;

/// <summary>One gauge row: spent against an amount, with tick marks (alert thresholds) along the track.</summary>
internal sealed record Gauge(string Label, decimal SpentUsd, decimal AmountUsd, string Status, IReadOnlyList<decimal> TicksUsd, bool Critical)
{
    /// <summary>What the figures mean beyond spent-of-amount (a forecast, a cutoff time, an estimated part), under the bar.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// Horizontal gauges, one row each: a grey track for the amount, a bar for spend (red once critical, amber past
/// 80 %), clipped at 120 % with the real figure in the text, so a far overrun does not squash the others.
/// </summary>
internal static class GaugeChart
{
    private const double Width = 560;
    private const double RowHeight = 38;
    private const double TrackLeft = 180;
    private const double TrackWidth = 270;
    private const double Overflow = 1.2;

    public static string Render(string title, IReadOnlyList<Gauge> gauges)
    {
        var svg = new SvgWriter(Width, (gauges.Count * RowHeight) + 6, title);
        for (var i = 0; i < gauges.Count; i++)
        {
            var gauge = gauges[i];
            var y = (i * RowHeight) + 6;
            var share = gauge.AmountUsd > 0 ? (double)(gauge.SpentUsd / gauge.AmountUsd) : 0;
            var color = gauge.Critical || share >= 1 ? "#e15759" : share >= 0.8 ? "#f28e2b" : "#4e79a7";
            var scale = TrackWidth / Overflow;
            var percent = HumanFormat.Percent(share);
            svg.Text(TrackLeft - 8, y + 15, Html.Shorten(gauge.Label, 26), "end", "label", gauge.Label)
                .Rect(TrackLeft, y + 4, scale, 14, "#eaeef2", $"{gauge.Label}: {HumanFormat.Usd(gauge.AmountUsd)}", "track")
                .Rect(TrackLeft, y + 4, Math.Min(share, Overflow) * scale, 14, color, $"{gauge.Label}: {HumanFormat.Usd(gauge.SpentUsd)} of {HumanFormat.Usd(gauge.AmountUsd)} ({percent})", "bar",
                    ("spent", gauge.SpentUsd.ToString(CultureInfo.InvariantCulture)), ("amount", gauge.AmountUsd.ToString(CultureInfo.InvariantCulture)));
            foreach (var tick in gauge.TicksUsd.Where(t => gauge.AmountUsd > 0 && t <= gauge.AmountUsd * (decimal)Overflow))
            {
                var x = TrackLeft + ((double)(tick / gauge.AmountUsd) * scale);
                svg.Line(x, y + 1, x, y + 21, "axis");
            }

            svg.Line(TrackLeft + scale, y, TrackLeft + scale, y + 22, "axis")
                .Text(TrackLeft + TrackWidth + 8, y + 15, $"{percent} · {gauge.Status}", "start", "label")
                .Text(TrackLeft, y + 32, $"{HumanFormat.Usd(gauge.SpentUsd)} of {HumanFormat.Usd(gauge.AmountUsd)}{(gauge.Note is null ? "" : " · " + gauge.Note)}", "start", "small");
        }

        return svg.ToString();
    }
}
