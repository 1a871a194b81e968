using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Standalone;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary>The standalone host as the README runs it: demo mode (built-in simulator), real Kestrel, real Azurite.</summary>
public sealed class StandaloneHostTests
{
    private const string ApiKey = "test-http-api-key-0123456789";

    private static Task<WebApplication> BuildAsync(Dictionary<string, string?> settings) =>
        StandaloneApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--environment", "Development"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Storage:TablePrefix"] = Azurite.UniquePrefix("host"),
                ["Secrets:HttpApiKey"] = ApiKey,
                ["Schedules:RunOnStartup"] = "true",
                ["Demo:Simulator:Projects"] = "4",
                ["Demo:Simulator:Models"] = "3",
                // The demo lags costs 6 hours by default; these tests compare stored costs with the simulator's whole truth.
                ["Demo:Simulator:CostsLagHours"] = "0",
            }).AddInMemoryCollection(settings));

    [Fact]
    public async Task Demo_run_ingests_the_simulated_org_and_health_shows_every_stream_fresh()
    {
        await using var app = await BuildAsync([]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        JsonElement health = default;
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
            request.Headers.Add("x-functions-key", ApiKey);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (health.GetProperty("status").GetString() == "healthy")
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.All(health.GetProperty("streams").EnumerateArray(), s => Assert.True(s.GetProperty("fresh").GetBoolean() || s.GetProperty("unavailable").GetBoolean(), s.ToString()));
        Assert.DoesNotContain("sk-admin", health.ToString(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(null, 6)]
    [InlineData("0", 0)]
    [InlineData("12", 12)]
    public void The_demo_lags_costs_6_hours_unless_told_otherwise(string? configured, int expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Simulator:Projects"] = "4", ["Demo:Simulator:CostsLagHours"] = configured })
            .Build();

        var options = UsageAlerts.Standalone.Demo.DemoSimulator.Options(configuration);

        Assert.Equal(expected, options.CostsLagHours);
        Assert.Equal(4, options.Projects);
    }

    [Fact]
    public async Task Routes_need_the_key_except_the_probe()
    {
        await using var app = await BuildAsync(new() { ["Schedules:RunOnStartup"] = "false" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/health?code=wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/health?code={ApiKey}")).StatusCode);
        var probe = await http.GetAsync("/api/health/live");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("""{"status":"up"}""", await probe.Content.ReadAsStringAsync());
        await app.StopAsync();
    }

    [Fact]
    public async Task Summary_and_dashboard_over_real_http_match_the_simulators_own_numbers()
    {
        await using var app = await BuildAsync([]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var health = JsonDocument.Parse(await http.GetStringAsync("/api/health")).RootElement;
            if (health.GetProperty("status").GetString() == "healthy")
            {
                break;
            }

            await Task.Delay(500);
        }

        // Complete days only: today's buckets keep growing in the simulator after the poll.
        var simulator = app.Services.GetRequiredService<UsageAlerts.Simulator.SimulatorServer>();
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var from = today.AddDays(-20);
        var query = $"from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var summary = JsonDocument.Parse(await http.GetStringAsync($"/api/summary?{query}&groupBy=project")).RootElement;

        var costs = simulator.Organization.Costs(from, today);
        var usage = simulator.Organization.Usage("completions", from, today);
        Assert.Equal(costs.Sum(c => c.AmountUsd), summary.GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(usage.Sum(u => u.Metrics.GetValueOrDefault("input_tokens")), summary.GetProperty("total").GetProperty("usage").GetProperty("completions").GetProperty("input_tokens").GetInt64());
        foreach (var group in summary.GetProperty("groups").EnumerateArray())
        {
            var project = group.GetProperty("key").GetProperty("project").GetString();
            var expected = costs.Where(c => c.ProjectId == project).Sum(c => c.AmountUsd);
            Assert.Equal(expected, group.GetProperty("costUsd").GetDecimal());
        }

        var csv = await http.GetAsync($"/api/summary?{query}&groupBy=project&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"Search, Ranking & \"\"Labs\"\"\"", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var dashboard = await http.GetAsync($"/api/dashboard?{query}");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<svg", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Ingestion:BackfillDays", "-1", "Ingestion:BackfillDays")]
    [InlineData("Schedules:PollUsage", "0 0 * * *", "Schedules:PollUsage")]
    [InlineData("Secrets:HttpApiKey", "short", "Secrets:HttpApiKey")]
    public async Task Bad_settings_stop_start_up_with_a_message_naming_the_setting(string key, string value, string named)
    {
        await using var app = await BuildAsync(new() { [key] = value, ["Schedules:RunOnStartup"] = "false" });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
