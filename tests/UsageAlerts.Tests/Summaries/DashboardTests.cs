using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.Dashboard;
using static UsageAlerts.Tests.Summaries.ParameterTests;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed partial class DashboardTests
{
    private const string Hostile = "<script>alert('x')</script> \"Ops\" & <b>Co</b>";
    private static readonly SummaryOptions Defaults = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    internal static IReadOnlyList<IDashboardPanel> Panels()
    {
        var options = Options.Create(Defaults);
        return [new CostPanel(options), new TokensPanel(), new RequestsPanel(options), new SharePanel(options), new MoversPanel(options)];
    }

    /// <summary>The first day of <see cref="Sample"/>.</summary>
    internal static readonly DateOnly SampleStart = D("2026-10-27");

    internal static DashboardData Data(IEnumerable<object> rows, string query = "?from=2026-11-10&to=2026-11-24", IReadOnlyDictionary<string, string>? names = null, DateOnly? dataStart = null)
    {
        var data = DashboardData.For(DashboardQuery.Parse(Request(query), Defaults, Periods.Day(Now)), Now, "Org <&>", names ?? new Dictionary<string, string>(), 10_000);
        data.DataStart = dataStart ?? SampleStart;
        var sink = new DashboardSink(data, [data.CostByPeriod, data.ByPeriod, data.ByModelAndProject, data.ByProject], previous: true);
        foreach (var row in rows)
        {
            if (row is UsageRecord usage)
            {
                sink.Add(usage);
            }
            else
            {
                sink.Add((CostRecord)row);
            }
        }

        return data;
    }

    internal static IEnumerable<object> Sample()
    {
        string[] projects = ["proj_big", "proj_mid", "proj_hostile", "proj_tiny1", "proj_tiny2"];
        decimal[] weights = [10m, 4m, 2m, 0.1m, 0.1m];
        for (var day = D("2026-10-27"); day < D("2026-11-24"); day = day.AddDays(1))
        {
            var recent = day >= D("2026-11-10");
            for (var p = 0; p < projects.Length; p++)
            {
                var grow = recent && p == 1 ? 3m : 1m;
                var date = Periods.Format(day);
                yield return Cost(date, projects[p], "gpt-4o-2024-08-06, input", weights[p] * grow);
                yield return Cost(date, projects[p], "gpt-4o-2024-08-06, output", weights[p] * grow / 2);
                yield return Cost(date, projects[p], "assistants api | file search", 0.05m);
                if (recent)
                {
                    yield return Usage(date, projects[p], "gpt-4o-2024-08-06", (long)(weights[p] * 100_000), (long)(weights[p] * 20_000), (long)(weights[p] * 40));
                    yield return Usage(date, projects[p], "gpt-4o-mini", 50_000, 5_000, 30);
                    yield return Usage(date, projects[p], "text-embedding-3-small", 200_000, 0, 10, kind: "embeddings");
                }
            }
        }
    }

    private static async Task<string> RenderAsync(DashboardData data, IEnumerable<IDashboardPanel>? extra = null)
    {
        var rendered = new List<DashboardPanel>();
        foreach (var panel in Panels().Concat(extra ?? []).OrderBy(p => p.Order))
        {
            if (await panel.RenderAsync(data, CancellationToken.None) is { } section)
            {
                rendered.Add(section);
            }
        }

        return DashboardPage.Render(data, rendered, "n0nce");
    }

    internal static int Marks(string html, string panel)
    {
        var start = html.IndexOf($"id=\"panel-{panel}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"panel {panel} is missing");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return DataValue().Count(html[start..end]);
    }

    [Fact]
    public async Task Every_chart_is_drawn_with_data()
    {
        var html = await RenderAsync(Data(Sample(), names: new Dictionary<string, string> { ["proj_hostile"] = Hostile }));

        // 14 days x 3 line items; 14 days x input and output; 3 models x 5 projects; 3 main projects + other.
        Assert.Equal(42, Marks(html, "cost"));
        Assert.Equal(28, Marks(html, "tokens"));
        Assert.Equal(15, Marks(html, "requests"));
        Assert.Equal(4, Marks(html, "share"));
        Assert.Contains("other (2 projects)", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"movers\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_biggest_mover_comes_first_with_its_change()
    {
        var html = await RenderAsync(Data(Sample()));

        var movers = html[html.IndexOf("<table class=\"movers\">", StringComparison.Ordinal)..];
        var body = movers[movers.IndexOf("<tbody>", StringComparison.Ordinal)..];
        var firstRow = body[..body.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("proj_mid", firstRow, StringComparison.Ordinal);
        Assert.Contains("$84.70", firstRow, StringComparison.Ordinal);
        Assert.Contains("+$168.00 (+198.3%)", firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_previous_period_that_starts_before_the_data_is_not_compared()
    {
        // Two days of the previous period were stored: any percentage against them would be an artefact.
        var start = D("2026-11-08");
        var html = await RenderAsync(Data(Sample().Where(r => r is not CostRecord c || c.Day >= start), dataStart: start));

        Assert.Contains("not comparable: data starts 2026-11-08", html, StringComparison.Ordinal);
        Assert.Contains("Not comparable: the previous period (2026-10-27 to 2026-11-09) begins before the first stored day; data starts 2026-11-08.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"movers\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d%", html[html.IndexOf("<div class=\"kpis\">", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task A_previous_period_starting_on_the_first_stored_day_is_compared()
    {
        var html = await RenderAsync(Data(Sample(), dataStart: SampleStart));

        Assert.DoesNotContain("not comparable", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table class=\"movers\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_stored_is_not_compared()
    {
        var data = Data([]);
        data.DataStart = null;

        var html = await RenderAsync(data);

        Assert.Contains("not comparable: no costs stored", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_from_data_are_html_encoded()
    {
        var html = await RenderAsync(Data(Sample(), "?from=2026-11-10&to=2026-11-24&stack=project", new Dictionary<string, string> { ["proj_hostile"] = Hostile }));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Co", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Ops&quot; &amp; &lt;b&gt;Co&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Org &lt;&amp;&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_loads_nothing_and_styles_only_under_its_nonce()
    {
        var html = await RenderAsync(Data(Sample()));

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, Regex.Count(html, "<style"));
        Assert.Contains("<style nonce=\"n0nce\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Equal(
            "default-src 'none'; style-src 'nonce-n0nce'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            DashboardHandler.ContentSecurityPolicy("n0nce"));
    }

    [Fact]
    public async Task Figures_are_formatted_for_people()
    {
        var html = await RenderAsync(Data([Cost("2026-11-20", "p", "gpt-4o, input", 1234.5678m), Usage("2026-11-20", "p", "gpt-4o", 1_234_567, 2_000, 3)]));

        Assert.Contains("$1,234.57", html, StringComparison.Ordinal);
        Assert.Contains("1.2M", html, StringComparison.Ordinal);
        Assert.Contains("1.2M tokens in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Today_is_provisional_and_drawn_lighter()
    {
        var html = await RenderAsync(Data([Cost("2026-11-22", "p", "x, input", 1m), Cost("2026-11-23", "p", "x, input", 2m)]));

        Assert.Contains("incl. $2.00 provisional", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "class=\"bar faded\""));
    }

    [Fact]
    public async Task Without_data_every_panel_says_so_and_nothing_is_drawn()
    {
        var html = await RenderAsync(Data([]));

        Assert.Contains("No cost data in this range.", html, StringComparison.Ordinal);
        Assert.Contains("No token usage in this range.", html, StringComparison.Ordinal);
        Assert.Contains("No model requests in this range.", html, StringComparison.Ordinal);
        Assert.Contains("No spend in this range.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(DataValue(), html);
    }

    [Fact]
    public async Task A_panel_with_nothing_to_show_leaves_no_trace_and_status_panels_come_first()
    {
        var html = await RenderAsync(Data(Sample()), [new FixedPanel(50, null), new FixedPanel(60, new DashboardPanel("status", "Status", "<p>ok</p>"))]);

        Assert.True(html.IndexOf("panel-status", StringComparison.Ordinal) < html.IndexOf("panel-cost", StringComparison.Ordinal));
        Assert.Equal(6, Regex.Count(html, "<section "));
    }

    [Fact]
    public async Task Long_ranges_are_charted_by_month()
    {
        var html = await RenderAsync(Data([Cost("2026-06-01", "p", "x, input", 1m)], "?from=2026-01-01&to=2026-12-01"));

        Assert.Contains("Cost per month by line item", html, StringComparison.Ordinal);
        Assert.Contains("Jun 2026 &#183; x, input: $1.00", html, StringComparison.Ordinal);
        Assert.Equal(1, Marks(html, "cost"));
    }

    [Fact]
    public void The_dashboard_takes_the_summary_range_and_a_stack()
    {
        var query = DashboardQuery.Parse(Request("?from=2026-01-01&to=2026-12-01&stack=project&project=p"), Defaults, D("2026-11-23"));

        Assert.Equal(Dimension.Project, query.Stack);
        Assert.Equal(Dimension.Month, query.Period);
        Assert.Equal(11, query.Periods().Count);
        Assert.Equal(D("2026-01-01"), query.Periods()[0]);
        Assert.Equal("stack", Assert.Throws<BadParameterException>(() => DashboardQuery.Parse(Request("?stack=model"), Defaults, D("2026-11-23"))).Parameter);
        Assert.Equal("to", Assert.Throws<BadParameterException>(() => DashboardQuery.Parse(Request("?from=2020-01-01"), Defaults, D("2026-11-23"))).Parameter);
    }

    [GeneratedRegex(@"\s(src|href|action|srcset)=|url\(|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"\sstyle=")]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"data-value=")]
    private static partial Regex DataValue();

    private sealed class FixedPanel(int order, DashboardPanel? panel) : IDashboardPanel
    {
        public int Order => order;

        public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken) => ValueTask.FromResult(panel);
    }
}
