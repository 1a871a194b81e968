namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// The dashboard's only stylesheet, inline under a nonce (the page loads nothing else). Panels flow into as many
/// columns as fit, one on a phone; charts scale with their viewBox, but on a phone they keep a readable minimum width
/// and scroll sideways inside their panel rather than shrink their text to specks.
/// </summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d8dee4;--card:#fff;--bg:#f6f8fa}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header,main,footer{max-width:1280px;margin:0 auto;padding:16px}
        h1{font-size:1.5rem;margin:0 0 4px}
        h2{font-size:1.05rem;margin:0 0 8px}
        .meta,.caption,footer{color:var(--muted);font-size:.875rem}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin-top:12px}
        .kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
        .kpi .label{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
        .kpi .value{font-size:1.4rem;font-weight:600;font-variant-numeric:tabular-nums}
        .kpi .sub{color:var(--muted);font-size:.8rem}
        .panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px}
        .panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;min-width:0}
        .panel.wide{grid-column:1/-1}
        svg.chart{display:block;width:100%;height:auto}
        svg.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}
        svg.chart text.label{fill:var(--ink)}
        svg.chart .grid{stroke:#eaeef2}
        svg.chart .axis{stroke:#8c959f}
        svg.chart .bar:hover,svg.chart .mark:hover{opacity:.8}
        svg.chart .faded{opacity:.5}
        .donut{display:flex;flex-wrap:wrap;gap:16px;align-items:center}
        .donut svg.chart{width:220px;max-width:100%}
        .legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem}
        .donut .legend{flex-direction:column;flex:1 1 200px}
        .legend li{display:flex;align-items:center;gap:6px;overflow-wrap:anywhere}
        .swatch{width:10px;height:10px;flex:none}
        .empty{color:var(--muted);font-style:italic;margin:24px 0}
        table.movers{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.9rem}
        table.movers th,table.movers td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:right}
        table.movers th:first-child,table.movers td:first-child{text-align:left;overflow-wrap:anywhere}
        td.up{color:#b42318}
        td.down{color:#1a7f37}
        code{font-size:.85em}
        @media (max-width:600px){
          header,main,footer{padding:10px}
          .kpi .value{font-size:1.15rem}
          table.movers{font-size:.8rem}
          .panel{overflow-x:auto}
          svg.chart{min-width:520px}
          .donut svg.chart{min-width:0}
          .wide svg.chart text{font-size:16px}
        }
        """;
}
