using System.Net;
using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class ValidationTests(SharedSimulator shared)
{
    private static readonly long Start = Unix(Now.AddDays(-3));

    public static TheoryData<string, string> BadRequests => new()
    {
        { "organization/usage/completions", "start_time" },
        { "organization/usage/completions?start_time=yesterday", "start_time" },
        { "organization/usage/completions?start_time=-5", "start_time" },
        { $"organization/usage/completions?start_time={Start}&end_time={Start}", "end_time" },
        { $"organization/usage/completions?start_time={Start}&bucket_width=2h", "bucket_width" },
        { $"organization/usage/completions?start_time={Start}&limit=32", "limit" },
        { $"organization/usage/completions?start_time={Start}&bucket_width=1h&limit=169", "limit" },
        { $"organization/usage/completions?start_time={Start}&bucket_width=1m&limit=1441", "limit" },
        { $"organization/usage/completions?start_time={Start}&limit=0", "limit" },
        { $"organization/usage/completions?start_time={Start}&group_by=color", "group_by" },
        { $"organization/usage/completions?start_time={Start}&group_by=project_id,model", "group_by" },
        { $"organization/usage/completions?start_time={Start}&group_by[]=size", "group_by" },
        { $"organization/usage/vector_stores?start_time={Start}&group_by=model", "group_by" },
        { $"organization/usage/completions?start_time={Start}&batch=maybe", "batch" },
        { $"organization/usage/images?start_time={Start}&sizes=999x999", "sizes" },
        { $"organization/usage/web_search_calls?start_time={Start}&context_levels=extreme", "context_levels" },
        { $"organization/usage/completions?start_time={Start}&page=page_garbage", "page" },
        { $"organization/costs?start_time={Start}&bucket_width=1h", "bucket_width" },
        { $"organization/costs?start_time={Start}&limit=181", "limit" },
        { $"organization/costs?start_time={Start}&group_by=model", "group_by" },
        { "organization/projects?limit=101", "limit" },
        { "organization/projects?include_archived=perhaps", "include_archived" },
        { "organization/projects?after=proj_unknown", "after" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_parameters_get_OpenAIs_error_body_naming_the_parameter(string path, string param)
    {
        var (status, body) = await shared.Harness.GetErrorAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Limits_at_the_maximum_and_documented_api_key_grouping_are_accepted()
    {
        var since = Start;

        await shared.Harness.GetJsonAsync($"organization/usage/completions?start_time={Start}&limit=31");
        await shared.Harness.GetJsonAsync($"organization/costs?start_time={Start}&limit=180");
        var costs = await shared.Harness.GetJsonAsync($"organization/costs?start_time={since}&group_by=api_key_id&limit=180");

        Assert.Contains(costs.GetProperty("data").EnumerateArray().Results(), r => r.Text("api_key_id") is not null);
    }

    [Fact]
    public async Task Unknown_usage_kinds_and_routes_are_404_with_an_error_body()
    {
        var (kindStatus, kindBody) = await shared.Harness.GetErrorAsync($"organization/usage/teleportation?start_time={Start}");
        var (routeStatus, _) = await shared.Harness.GetErrorAsync("organization/invoices");

        Assert.Equal(HttpStatusCode.NotFound, kindStatus);
        Assert.Equal(HttpStatusCode.NotFound, routeStatus);
        Assert.Contains("Invalid URL", kindBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
