using System.Globalization;
using System.Text;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// The dashboard's HTML: a header with the range, filters and headline figures, then the panels. Self-contained: no
/// scripts, no external assets, one stylesheet under the response's CSP nonce.
/// </summary>
internal static class DashboardPage
{
    public static string Render(DashboardData data, IReadOnlyList<DashboardPanel> panels, string nonce)
    {
        var range = data.Query.Range;
        var total = data.ByPeriod.Total;
        var previous = data.PreviousByProject.Total;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>Usage and spend · ").Append(Html.Encode(data.Organization)).Append("</title>")
            .Append("<style nonce=\"").Append(nonce).Append("\">").Append(DashboardStyles.Css).Append("</style></head><body>")
            .Append("<header><h1>OpenAI usage and spend</h1><p class=\"meta\">").Append(Html.Encode(data.Organization)).Append(" · ")
            .Append(Periods.Format(range.From)).Append(" to ").Append(Periods.Format(range.To.AddDays(-1)))
            .Append(CultureInfo.InvariantCulture, $" ({range.Days} days, UTC)").Append(Html.Encode(Filters(data.Query.Filter))).Append("</p>")
            .Append("<div class=\"kpis\">");
        Kpi(html, "Spend", HumanFormat.Usd(total.CostUsd), total.ProvisionalCostRows > 0 ? $"incl. {HumanFormat.Usd(total.ProvisionalCostUsd)} provisional" : "billed");
        if (data.PreviousComparable)
        {
            Kpi(html, "vs previous period", HumanFormat.Change(previous.CostUsd, total.CostUsd) ?? "n/a", $"{HumanFormat.Usd(previous.CostUsd)} before");
        }
        else
        {
            Kpi(html, "vs previous period", "not comparable", data.NotComparable);
        }

        Kpi(html, "Input tokens", HumanFormat.Count(total.Headline(HeadlineMetric.InputTokens)), null);
        Kpi(html, "Output tokens", HumanFormat.Count(total.Headline(HeadlineMetric.OutputTokens)), null);
        Kpi(html, "Requests", HumanFormat.Count(total.Headline(HeadlineMetric.ModelRequests)), null);
        html.Append("</div></header><main class=\"panels\">");
        foreach (var panel in panels)
        {
            html.Append("<section class=\"panel").Append(panel.Wide ? " wide" : "").Append("\" id=\"panel-").Append(Html.Encode(panel.Id)).Append("\"><h2>")
                .Append(Html.Encode(panel.Title)).Append("</h2>").Append(panel.Body).Append("</section>");
        }

        html.Append("</main><footer><p>Generated ").Append(data.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            .Append(CultureInfo.InvariantCulture, $" UTC from {data.RowsRead:N0} stored rows. ")
            .Append("Change what is shown in the address: <code>from</code> and <code>to</code> (yyyy-MM-dd, <code>to</code> exclusive), ")
            .Append("<code>project</code>, <code>model</code>, <code>line_item</code>, <code>api_key</code> (each repeatable), <code>stack=line_item|project</code>. ")
            .Append("The same figures as CSV: <code>/api/summary?format=csv</code>.</p></footer></body></html>");
        return html.ToString();
    }

    private static void Kpi(StringBuilder html, string label, string value, string? sub)
    {
        html.Append("<div class=\"kpi\"><div class=\"label\">").Append(Html.Encode(label)).Append("</div><div class=\"value\">").Append(Html.Encode(value)).Append("</div>");
        if (sub is not null)
        {
            html.Append("<div class=\"sub\">").Append(Html.Encode(sub)).Append("</div>");
        }

        html.Append("</div>");
    }

    private static string Filters(SummaryFilter filter) =>
        string.Concat(filter.Values.OrderBy(f => f.Key).Select(f => $" · {f.Key.Name()}: {string.Join(", ", f.Value.Order(StringComparer.Ordinal))}"));
}
