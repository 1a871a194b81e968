using System.Net;
using System.Text.Json;
using UsageAlerts.Functions.Tests.Rpc;

namespace UsageAlerts.Functions.Tests;

/// <summary>
/// Each HTTP function of the published app, served through the ASP.NET Core integration as the host proxies it,
/// after the timers have filled storage. Function keys are the host's business and are not checked here.
/// </summary>
[Collection(PublishedWorkerGroup.Name)]
public sealed class HttpFunctionTests(PublishedWorker worker)
{
    [Fact]
    public async Task Health_reports_every_stream()
    {
        var json = await GetJsonAsync("Health", "api/health");
        Assert.Contains(json.GetProperty("streams").EnumerateArray(), s => s.GetProperty("name").GetString() == "costs.1d" && s.GetProperty("fresh").GetBoolean());
        Assert.All(json.GetProperty("jobs").EnumerateArray(), j => Assert.True(j.GetProperty("lastSucceeded").GetBoolean(), j.ToString()));
        Assert.DoesNotContain("sk-admin", json.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthProbe_says_up()
    {
        var (response, _) = await GetAsync("HealthProbe", "api/health/live");
        Assert.Equal("""{"status":"up"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Budgets_lists_the_rules_budgets_with_spend()
    {
        var text = Strings(await GetJsonAsync("Budgets", "api/budgets"));
        Assert.Contains("Research – monthly", text, StringComparison.Ordinal);
        Assert.Contains("Organization – monthly", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_lists_what_Evaluate_fired()
    {
        var text = Strings(await GetJsonAsync("Alerts", "api/alerts"));
        Assert.Contains("Research – monthly", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_totals_match_the_simulators_costs()
    {
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var from = today.AddDays(-20);
        var json = await GetJsonAsync("Summary", $"api/summary?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&groupBy=project");
        var expected = worker.Simulator.Organization.Costs(from, today).Sum(c => c.AmountUsd);
        Assert.Equal(expected, json.GetProperty("total").GetProperty("costUsd").GetDecimal());

        var (csv, _) = await GetAsync("Summary", $"api/summary?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&groupBy=project&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RateLimits_shows_headroom_per_project_and_model()
    {
        var text = Strings(await GetJsonAsync("RateLimits", "api/rate-limits"));
        Assert.Contains("gpt-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_renders_html_with_charts()
    {
        var (response, _) = await GetAsync("Dashboard", "api/dashboard");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Every string value in the document, unescaped, one a line.</summary>
    private static string Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p => Strings(p.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Strings)),
        JsonValueKind.String => element.GetString()!,
        _ => "",
    };

    private async Task<JsonElement> GetJsonAsync(string function, string pathAndQuery)
    {
        var (response, _) = await GetAsync(function, pathAndQuery);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> GetAsync(string function, string pathAndQuery)
    {
        await worker.Timers.Value;
        var (response, invocation) = await worker.Host.InvokeHttpAsync(function, pathAndQuery);
        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success, $"{function}: {invocation.Result.Exception?.Message}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} {pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (response, invocation);
    }
}
