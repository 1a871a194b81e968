using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.Dashboard;

namespace UsageAlerts.Tests.Summaries;

/// <summary><c>/api/dashboard</c> over real HTTP and Azurite, and rendered by headless Chromium under its own CSP.</summary>
[Collection(SeededStorageGroup.Name)]
public sealed partial class DashboardRouteTests(SeededStorage storage)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Query = "/api/dashboard?from=2026-10-25&to=2026-11-24";

    [Fact]
    public async Task The_page_is_served_with_a_strict_policy_matching_its_stylesheet()
    {
        using var response = await storage.Host.Client.GetAsync(Query);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.StartsWith("default-src 'none'; ", policy, StringComparison.Ordinal);
        Assert.Contains($"<style nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.DoesNotContain(SummariesHost.AdminKey, html, StringComparison.Ordinal);
        foreach (var panel in new[] { "cost", "tokens", "requests", "share" })
        {
            Assert.True(DashboardTests.Marks(html, panel) > 0, $"panel {panel} has no marks");
        }

        Assert.Contains("&lt;Beta &amp; Co&gt; =1+1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_says_when_the_previous_period_predates_the_stored_data()
    {
        // Costs are stored from 2026-09-25 (rows only until 2026-10-10, then with day packs): the period before
        // October began on 2026-09-01, so it holds six stored days out of 30.
        using var response = await storage.Host.Client.GetAsync("/api/dashboard?from=2026-10-01&to=2026-10-31");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not comparable: data starts 2026-09-25", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table class=\"movers\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_comparison_is_made_when_the_previous_period_was_stored_whole()
    {
        // Previous period 2026-09-25 to 2026-10-24: exactly from the first stored day.
        using var response = await storage.Host.Client.GetAsync(Query);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("not comparable", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<table class=\"movers\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_ranges_are_charted_by_month()
    {
        using var response = await storage.Host.Client.GetAsync("/api/dashboard?from=2026-08-01&to=2026-11-24");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cost per month by line item", html, StringComparison.Ordinal);
        Assert.Contains("Oct 2026", html, StringComparison.Ordinal);
        Assert.True(DashboardTests.Marks(html, "cost") > 0);
    }

    [Fact]
    public async Task Chromium_renders_every_chart_without_policy_violations()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package 'chromium' (apt-get install -y chromium) to run the dashboard rendering test.");
        var url = new Uri(storage.Host.Client.BaseAddress!, Query + "&stack=project");
        var screenshot = Path.Combine(Path.GetTempPath(), "usagealerts-dashboard.png");
        var phone = Path.Combine(Path.GetTempPath(), "usagealerts-dashboard-phone.png");
        File.Delete(screenshot);
        File.Delete(phone);

        var (dom, log) = await RunChromiumAsync("--dump-dom", url, "1280,2000");
        await RunChromiumAsync($"--screenshot={screenshot}", url, "1280,2000");
        await RunChromiumAsync($"--screenshot={phone}", url, "390,3200");

        Assert.DoesNotContain("Content Security Policy", log, StringComparison.Ordinal);
        foreach (var panel in new[] { "cost", "tokens", "requests", "share" })
        {
            Assert.True(DashboardTests.Marks(dom, panel) > 0, $"panel {panel} has no marks in the rendered DOM");
        }

        Assert.True(new FileInfo(screenshot).Length > 20_000, "the laptop screenshot is (nearly) blank");
        Assert.True(new FileInfo(phone).Length > 20_000, "the phone screenshot is (nearly) blank");
    }

    private static async Task<(string Output, string Log)> RunChromiumAsync(string action, Uri url, string windowSize)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
                $"--user-data-dir={profile.FullName}", $"--window-size={windowSize}", action, url.ToString(),
            },
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            return (await output, await log);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("?from=2026-10-25&to=2026-11-24")]
    [InlineData("?from=2026-10-25&to=2026-11-24&stack=project")]
    [InlineData("?from=2026-10-25&to=2026-11-24&project=proj_alpha&model=gpt-4o-mini-2024-07-18")]
    [InlineData("?from=2025-12-01&to=2026-11-24")]
    public async Task Each_view_read_from_summed_packs_equals_the_view_of_every_stored_group(string parameters)
    {
        var services = storage.Host.Services;
        var query = DashboardQuery.Parse(ParameterTests.Request(parameters), new SummaryOptions(), Periods.Day(SeededOrganization.Now));
        var names = new Dictionary<string, string>();

        var served = await services.GetRequiredService<DashboardService>().LoadAsync(query, CancellationToken.None);
        // The reference: every group of every pack, handed to every view at once.
        var whole = DashboardData.For(query, SeededOrganization.Now, "org", names, new SummaryOptions().MaxGroups);
        var plan = new ReadPlan(query.Range, new SummaryRange(query.Range.Previous.From, query.Range.To), query.Filter)
        {
            UsageKinds = new HashSet<string>(HeadlineMetric.ModelEndpoints, StringComparer.Ordinal),
            MonthlyRollups = query.Period == Dimension.Month,
            CostStream = ReadPlan.CostStreamFor(query.Filter, []),
            View = PackView.Whole,
        };
        await services.GetRequiredService<SummaryReader>().ReadAsync(plan, new DashboardSink(whole, [whole.CostByPeriod, whole.ByPeriod, whole.ByModelAndProject, whole.ByProject], previous: true), CancellationToken.None);

        Assert.NotEmpty(whole.ByModelAndProject.Groups());
        Assert.Equal(Dump(whole.CostByPeriod), Dump(served.CostByPeriod));
        Assert.Equal(Dump(whole.ByPeriod), Dump(served.ByPeriod));
        Assert.Equal(Dump(whole.ByModelAndProject), Dump(served.ByModelAndProject));
        Assert.Equal(Dump(whole.ByProject), Dump(served.ByProject));
        Assert.Equal(Dump(whole.PreviousByProject), Dump(served.PreviousByProject));
    }

    private static string Dump(SummaryAggregator view) =>
        string.Join("\n", view.Groups().Select(g => $"{g.Key}: {Dump(g.Value)}").Prepend("total: " + Dump(view.Total)));

    private static string Dump(GroupTotals totals) =>
        $"{totals.CostUsd} {totals.ProvisionalCostUsd} {totals.EstimatedCostUsd} {totals.CostStatus} {totals.UsageRows > 0} " +
        $"{totals.Headline(HeadlineMetric.InputTokens)} {totals.Headline(HeadlineMetric.OutputTokens)} {totals.Headline(HeadlineMetric.ModelRequests)}";

    [GeneratedRegex("style-src 'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
