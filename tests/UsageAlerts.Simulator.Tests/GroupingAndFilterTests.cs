using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class GroupingAndFilterTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;
    private readonly long _start = Unix(Now.AddDays(-5));

    [Fact]
    public async Task Repeated_and_bracketed_array_parameters_mean_the_same()
    {
        using var repeated = await _sim.Client.GetAsync(new Uri($"organization/usage/completions?start_time={_start}&group_by=project_id&group_by=model", UriKind.Relative));
        using var bracketed = await _sim.Client.GetAsync(new Uri($"organization/usage/completions?start_time={_start}&group_by[]=project_id&group_by[]=model", UriKind.Relative));

        Assert.Equal(await repeated.Content.ReadAsByteArrayAsync(), await bracketed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Usage_without_a_project_comes_back_as_a_null_project_id()
    {
        var page = await _sim.GetJsonAsync($"organization/usage/completions?start_time={_start}&group_by=project_id");

        var projectIds = page.GetProperty("data").EnumerateArray().Results().Select(r => r.Text("project_id")).ToHashSet();
        Assert.Contains(null, projectIds);
        var known = _sim.Organization.Projects.Select(p => p.Id).ToHashSet();
        Assert.All(projectIds.OfType<string>(), id => Assert.Contains(id, known));
    }

    [Fact]
    public async Task Project_model_and_user_filters_restrict_the_rows()
    {
        var project = _sim.Organization.Projects[0].Id;
        var rows = _sim.Organization.Usage("completions", Now.AddDays(-5), Now).Where(r => r.ProjectId == project).ToList();
        var model = rows[0].Model!;
        var user = rows.First(r => r.UserId is not null).UserId!;

        var byProject = await _sim.GetJsonAsync($"organization/usage/completions?start_time={_start}&project_ids={project}&group_by=project_id&group_by=model");
        var byModel = await _sim.GetJsonAsync($"organization/usage/completions?start_time={_start}&models[]={Uri.EscapeDataString(model)}&group_by=model");
        var byUser = await _sim.GetJsonAsync($"organization/usage/completions?start_time={_start}&user_ids={user}&group_by=user_id");

        Assert.All(byProject.GetProperty("data").EnumerateArray().Results(), r => Assert.Equal(project, r.Text("project_id")));
        Assert.All(byModel.GetProperty("data").EnumerateArray().Results(), r => Assert.Equal(model, r.Text("model")));
        Assert.All(byUser.GetProperty("data").EnumerateArray().Results(), r => Assert.Equal(user, r.Text("user_id")));
        Assert.NotEmpty(byUser.GetProperty("data").EnumerateArray().Results());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task Batch_filter_returns_only_that_kind_of_job(string batch)
    {
        var page = await _sim.GetJsonAsync($"organization/usage/completions?start_time={_start}&batch={batch}&group_by=batch");

        var results = page.GetProperty("data").EnumerateArray().Results().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(batch, r.Text("batch")));
    }

    [Fact]
    public async Task Image_size_and_source_filters_apply()
    {
        var page = await _sim.GetJsonAsync($"organization/usage/images?start_time={_start}&sizes=1024x1024&sources=image.edit&group_by=size&group_by=source");

        var results = page.GetProperty("data").EnumerateArray().Results().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(("1024x1024", "image.edit"), (r.Text("size"), r.Text("source"))));
    }

    [Fact]
    public async Task Every_project_and_model_pair_occurs()
    {
        var buckets = await _sim.GetAllBucketsAsync($"organization/usage/completions?start_time={Unix(Now.AddDays(-45))}&limit=31&group_by=project_id&group_by=model");

        var pairs = buckets.Results().Where(r => r.Text("project_id") is not null).Select(r => (r.Text("project_id"), r.Text("model"))).ToHashSet();
        Assert.Equal(_sim.Options.Projects * _sim.Options.Models, pairs.Count);
    }
}
