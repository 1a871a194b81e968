using System.Net;
using System.Text.Json;

namespace UsageAlerts.Tests.Summaries;

/// <summary><c>/api/rate-limits</c> over real HTTP and Azurite, checked against the generated one-minute usage.</summary>
[Collection(SeededStorageGroup.Name)]
public sealed class RateLimitsRouteTests(SeededStorage storage)
{
    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await storage.Host.Client.GetAsync("/api/rate-limits" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private (long Requests, DateTimeOffset RequestsAt, long Tokens) Expected(string project, string[] models, int minutes)
    {
        var end = new DateTimeOffset(2026, 11, 23, 15, 1, 0, TimeSpan.Zero);
        var perMinute = storage.Organization.Minutes
            .Where(m => m.Project == project && models.Contains(m.Model) && m.Minute >= end.AddMinutes(-minutes) && m.Minute < end)
            .GroupBy(m => m.Minute)
            .Select(g => (Minute: g.Key, Requests: g.Sum(m => m.Requests), Tokens: g.Sum(m => m.Tokens)))
            .OrderBy(m => m.Minute)
            .ToList();
        var peak = perMinute.First(m => m.Requests == perMinute.Max(x => x.Requests));
        return (peak.Requests, peak.Minute, perMinute.Max(m => m.Tokens));
    }

    private static JsonElement Row(JsonElement report, string project, string model) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("projectId").GetString() == project && r.GetProperty("model").GetString() == model);

    [Fact]
    public async Task Snapshots_share_their_family_cap_and_peaks_match_the_usage()
    {
        var report = await GetAsync("");

        var gpt4o = Row(report, "proj_alpha", "gpt-4o");
        var (requests, at, tokens) = Expected("proj_alpha", ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], 60);
        Assert.Equal(["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], gpt4o.GetProperty("usageModels").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(requests, gpt4o.GetProperty("requests").GetProperty("peakPerMinute").GetInt64());
        Assert.Equal(at, gpt4o.GetProperty("requests").GetProperty("peakMinute").GetDateTimeOffset());
        Assert.Equal(100, gpt4o.GetProperty("requests").GetProperty("limitPerMinute").GetInt64());
        Assert.Equal(Math.Round(requests * 100m / 100, 1), gpt4o.GetProperty("requests").GetProperty("utilisationPercent").GetDecimal());
        Assert.Equal(tokens, gpt4o.GetProperty("tokens").GetProperty("peakPerMinute").GetInt64());
        Assert.Equal(Math.Round(tokens * 100m / 50_000, 1, MidpointRounding.AwayFromZero), gpt4o.GetProperty("tokens").GetProperty("utilisationPercent").GetDecimal());
        Assert.Equal("Alpha, \"Inc\"", gpt4o.GetProperty("projectName").GetString());
        Assert.Equal(60, report.GetProperty("minutes").GetInt32());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 14, 1, 0, TimeSpan.Zero), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), report.GetProperty("dataThrough").GetDateTimeOffset());
        Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("max_tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Models_without_a_cap_have_no_utilisation_and_sort_last()
    {
        var report = await GetAsync("?minutes=15");

        var o3 = Row(report, "proj_beta", "o3");
        Assert.Equal(JsonValueKind.Undefined, o3.GetProperty("requests").TryGetProperty("limitPerMinute", out var limit) ? limit.ValueKind : JsonValueKind.Undefined);
        Assert.False(o3.TryGetProperty("utilisationPercent", out _));
        Assert.Equal(Expected("proj_beta", ["o3"], 15).Requests, o3.GetProperty("requests").GetProperty("peakPerMinute").GetInt64());
        Assert.Equal("proj_beta", report.GetProperty("rows").EnumerateArray().Last().GetProperty("projectId").GetString());
        var mini = Row(report, "proj_alpha", "gpt-4o-mini-2024-07-18");
        Assert.Equal(500, mini.GetProperty("requests").GetProperty("limitPerMinute").GetInt64());
        Assert.False(mini.GetProperty("tokens").TryGetProperty("limitPerMinute", out _));
    }

    [Fact]
    public async Task Filters_narrow_to_a_project_or_a_cap_model()
    {
        var byModel = await GetAsync("?model=gpt-4o");
        var byProject = await GetAsync("?project=proj_beta&minutes=5");

        Assert.Equal("gpt-4o", Assert.Single(byModel.GetProperty("rows").EnumerateArray()).GetProperty("model").GetString());
        Assert.Equal("proj_beta", Assert.Single(byProject.GetProperty("rows").EnumerateArray()).GetProperty("projectId").GetString());
        Assert.Equal(5, byProject.GetProperty("rowsRead").GetInt64());
    }

    [Fact]
    public async Task A_bad_window_is_named()
    {
        using var response = await storage.Host.Client.GetAsync("/api/rate-limits?minutes=100000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"parameter\":\"minutes\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
