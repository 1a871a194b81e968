using System.Net;
using UsageAlerts.Simulator.Tests.Infrastructure;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class ProjectsTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;

    [Fact]
    public async Task Projects_page_by_id_and_hide_archived_ones_unless_asked()
    {
        var active = await _sim.GetJsonAsync("organization/projects");
        var all = new List<string>();
        string? after = null;
        do
        {
            var page = await _sim.GetJsonAsync("organization/projects?limit=3&include_archived=true" + (after is null ? "" : $"&after={after}"));
            var ids = page.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids[0], page.GetProperty("first_id").GetString());
            Assert.Equal(ids[^1], page.GetProperty("last_id").GetString());
            all.AddRange(ids);
            after = page.GetProperty("has_more").GetBoolean() ? ids[^1] : null;
        }
        while (after is not null);

        Assert.Equal(_sim.Organization.Projects.Select(p => p.Id), all);
        Assert.Equal(7, active.GetProperty("data").GetArrayLength());
        Assert.False(active.GetProperty("has_more").GetBoolean());
        var archived = _sim.Organization.Projects.Single(p => p.Status == "archived");
        Assert.NotNull(archived.ArchivedAt);
        Assert.DoesNotContain(_sim.Organization.Usage("completions", archived.ArchivedAt!.Value, SimulatorHarness.Now), r => r.ProjectId == archived.Id);
    }

    [Fact]
    public async Task Project_objects_look_like_OpenAIs()
    {
        var page = await _sim.GetJsonAsync("organization/projects?limit=1");

        var project = page.GetProperty("data")[0];
        Assert.Equal(["id", "object", "name", "created_at", "archived_at", "status"], project.EnumerateObject().Select(p => p.Name));
        Assert.Equal("organization.project", project.GetProperty("object").GetString());
        Assert.Equal("Research", project.GetProperty("name").GetString());
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Rate_limits_list_every_model_and_page_by_id()
    {
        var projectId = _sim.Organization.Projects[2].Id;
        var full = await _sim.GetJsonAsync($"organization/projects/{projectId}/rate_limits");
        var first = await _sim.GetJsonAsync($"organization/projects/{projectId}/rate_limits?limit=2");
        var second = await _sim.GetJsonAsync($"organization/projects/{projectId}/rate_limits?limit=2&after={first.GetProperty("last_id").GetString()}");

        var limits = full.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(_sim.Organization.RateLimits(projectId).Select(l => l.Id), limits.Select(l => l.GetProperty("id").GetString()));
        Assert.All(limits, l => Assert.Equal("project.rate_limit", l.GetProperty("object").GetString()));
        Assert.All(limits, l => Assert.StartsWith("rl-", l.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.All(limits, l => Assert.True(l.GetProperty("max_tokens_per_1_minute").GetInt64() >= 0 && l.GetProperty("max_requests_per_1_minute").GetInt64() > 0));
        Assert.Contains(limits, l => l.TryGetProperty("max_images_per_1_minute", out _));
        Assert.Contains(limits, l => l.TryGetProperty("batch_1_day_max_input_tokens", out _));
        Assert.Contains(limits, l => l.TryGetProperty("max_audio_megabytes_per_1_minute", out _));
        Assert.Equal(limits[2].GetProperty("id").GetString(), second.GetProperty("first_id").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Unknown_projects_get_the_plain_404_body()
    {
        var (status, body) = await _sim.GetErrorAsync("organization/projects/proj_doesnotexist/rate_limits");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, body.GetProperty("code").GetInt32());
        Assert.Equal("The project proj_doesnotexist was not found", body.GetProperty("message").GetString());
    }
}
