using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;

namespace UsageAlerts.Simulator.Tests;

public sealed class SpendControlsTests
{
    private static readonly string[] RecipientA = ["a@example.com"];
    private static readonly string[] RecipientB = ["b@example.com"];

    private static decimal MonthToDate(SimulatedOrganization organization, string projectId, DateTimeOffset now) =>
        organization.Costs(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero), now).Where(r => r.ProjectId == projectId).Sum(r => r.AmountUsd);

    [Fact]
    public async Task The_demo_has_an_organization_limit_a_project_heading_for_its_limit_and_projects_without_one()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var research = sim.Organization.Scenarios.OverrunProjectId;

        var organization = await sim.GetJsonAsync("organization/spend_limit");
        var project = await sim.GetJsonAsync($"organization/projects/{research}/spend_limit");
        var (status, error) = await sim.GetErrorAsync($"organization/projects/{sim.Organization.Projects[2].Id}/spend_limit");

        Assert.Equal(["object", "threshold_amount", "currency", "interval", "enforcement"], project.EnumerateObject().Select(p => p.Name));
        Assert.Equal("organization.spend_limit", organization.GetProperty("object").GetString());
        Assert.Equal("project.spend_limit", project.GetProperty("object").GetString());
        Assert.Equal("USD", project.GetProperty("currency").GetString());
        Assert.Equal("month", project.GetProperty("interval").GetString());
        Assert.Equal("inactive", project.GetProperty("enforcement").GetProperty("status").GetString());
        Assert.Equal("inactive", organization.GetProperty("enforcement").GetProperty("status").GetString());
        var limitUsd = project.GetProperty("threshold_amount").GetInt64() / 100m;
        Assert.True(limitUsd > MonthToDate(sim.Organization, research, SimulatorHarness.Now));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("invalid_request_error", error.GetProperty("error").GetProperty("type").GetString());
        var alerts = await sim.GetJsonAsync("organization/spend_alerts");
        Assert.Equal("organization.spend_alert", alerts.GetProperty("data")[0].GetProperty("object").GetString());
        Assert.Equal(2, alerts.GetProperty("data")[0].GetProperty("notification_channel").GetProperty("recipients").GetArrayLength());
    }

    [Fact]
    public async Task A_reached_limit_enforces_and_the_project_stops_accruing_until_it_is_raised()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var research = sim.Organization.Scenarios.OverrunProjectId;
        var limit = sim.Organization.SpendLimit(research)!;

        sim.Time.Advance(TimeSpan.FromHours(24));
        var reached = sim.Organization.SpendLimit(research)!;
        var json = await sim.GetJsonAsync($"organization/projects/{research}/spend_limit");

        Assert.False(limit.Enforcing);
        Assert.True(reached.Enforcing);
        Assert.Equal("enforcing", json.GetProperty("enforcement").GetProperty("status").GetString());
        var at = reached.ReachedAt!.Value;
        Assert.InRange(at, SimulatorHarness.Now, SimulatorHarness.Now.AddHours(24));
        var now = sim.Time.GetUtcNow();
        Assert.DoesNotContain(sim.Organization.Usage("completions", at, now), r => r.ProjectId == research);
        Assert.Contains(sim.Organization.Usage("completions", at, now), r => r.ProjectId != research);
        var spent = MonthToDate(sim.Organization, research, now);
        Assert.InRange(spent, limit.ThresholdCents / 100m, (limit.ThresholdCents / 100m) * 1.01m);

        using var raise = await sim.Client.PostAsJsonAsync($"organization/projects/{research}/spend_limit", new { threshold_amount = limit.ThresholdCents * 10, currency = "USD", interval = "month" });
        var raised = JsonDocument.Parse(await raise.Content.ReadAsStringAsync()).RootElement;
        sim.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        Assert.Equal("inactive", raised.GetProperty("enforcement").GetProperty("status").GetString());
        Assert.Contains(sim.Organization.Usage("completions", now, sim.Time.GetUtcNow()), r => r.ProjectId == research);
        // The stop ends with the minute the limit was raised in.
        Assert.DoesNotContain(sim.Organization.Usage("completions", at, now.AddSeconds(-now.Second)), r => r.ProjectId == research);
    }

    [Theory]
    [InlineData("""{"threshold_amount":0,"currency":"USD","interval":"month"}""", "threshold_amount")]
    [InlineData("""{"threshold_amount":100,"currency":"usd","interval":"month"}""", "currency")]
    [InlineData("""{"threshold_amount":100,"currency":"USD","interval":"week"}""", "interval")]
    [InlineData("""{"threshold_amount":1.5,"currency":"USD","interval":"month"}""", "threshold_amount")]
    public async Task Bad_limit_bodies_are_refused_naming_the_field(string body, string param)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        using var response = await sim.Client.PostAsync(new Uri("organization/spend_limit", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Limits_are_set_and_deleted_per_scope()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var project = sim.Organization.Projects[2].Id;

        using var set = await sim.Client.PostAsJsonAsync($"organization/projects/{project}/spend_limit", new { threshold_amount = 123_45, currency = "USD", interval = "month" });
        var stored = await sim.GetJsonAsync($"organization/projects/{project}/spend_limit");
        using var deleted = await sim.Client.DeleteAsync(new Uri($"organization/projects/{project}/spend_limit", UriKind.Relative));
        var (afterProject, _) = await sim.GetErrorAsync($"organization/projects/{project}/spend_limit");
        using var deletedOrganization = await sim.Client.DeleteAsync(new Uri("organization/spend_limit", UriKind.Relative));
        var organization = await sim.GetJsonAsync("organization/spend_limit");
        var (unknown, _) = await sim.GetErrorAsync("organization/projects/proj_nope/spend_limit");

        Assert.Equal(12345, stored.GetProperty("threshold_amount").GetInt64());
        var deletion = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("project.spend_limit.deleted", deletion.GetProperty("object").GetString());
        Assert.True(deletion.GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, afterProject);
        Assert.Equal(0, organization.GetProperty("threshold_amount").GetInt64());
        Assert.Equal(HttpStatusCode.OK, deletedOrganization.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Spend_alerts_are_created_listed_by_cursor_updated_and_deleted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var project = sim.Organization.Projects[2].Id;
        var path = $"organization/projects/{project}/spend_alerts";
        var ids = new List<string>();
        foreach (var cents in new[] { 1000, 2000, 3000 })
        {
            using var created = await sim.Client.PostAsJsonAsync(path, new { threshold_amount = cents, currency = "USD", interval = "month", notification_channel = new { type = "email", recipients = RecipientA } });
            ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        var first = await sim.GetJsonAsync($"{path}?limit=2");
        var second = await sim.GetJsonAsync($"{path}?limit=2&after={first.GetProperty("last_id").GetString()}");
        using var updated = await sim.Client.PostAsJsonAsync($"{path}/{ids[1]}", new { threshold_amount = 2500, currency = "USD", interval = "month", notification_channel = new { type = "email", recipients = RecipientB, subject_prefix = "[x]" } });
        var one = await sim.GetJsonAsync($"{path}/{ids[1]}");
        using var deleted = await sim.Client.DeleteAsync(new Uri($"{path}/{ids[0]}", UriKind.Relative));
        var (gone, _) = await sim.GetErrorAsync($"{path}/{ids[0]}");
        using var noChannel = await sim.Client.PostAsJsonAsync(path, new { threshold_amount = 1, currency = "USD", interval = "month" });

        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.False(second.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids, first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("project.spend_alert", one.GetProperty("object").GetString());
        Assert.Equal(2500, one.GetProperty("threshold_amount").GetInt64());
        Assert.Equal("[x]", one.GetProperty("notification_channel").GetProperty("subject_prefix").GetString());
        Assert.Equal("project.spend_alert.deleted", JsonDocument.Parse(await deleted.Content.ReadAsStringAsync()).RootElement.GetProperty("object").GetString());
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal(HttpStatusCode.BadRequest, noChannel.StatusCode);
    }

    [Fact]
    public async Task A_forbidden_fault_on_project_limits_leaves_the_organization_limit_readable()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add(new FaultRule { Route = "project_spend_limit", Kind = FaultKind.Forbidden });

        var (status, _) = await sim.GetErrorAsync($"organization/projects/{sim.Organization.Scenarios.OverrunProjectId}/spend_limit");
        var organization = await sim.GetJsonAsync("organization/spend_limit");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(organization.GetProperty("threshold_amount").GetInt64() > 0);
    }

    [Fact]
    public async Task With_a_costs_lag_a_minutes_cost_appears_only_that_many_hours_later()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Fidelity = SimulatorFidelity.Documented, CostsLagHours = 6 });
        var today = new DateTimeOffset(SimulatorHarness.Now.UtcDateTime.Date, TimeSpan.Zero);
        var start = SimulatorHarness.Unix(today);

        var page = await sim.GetJsonAsync($"organization/costs?start_time={start}&end_time={start + 86_400}&bucket_width=1d");
        var billed = page.GetProperty("data").EnumerateArray().Results().Sum(r => r.Amount());

        var lagEnd = SimulatorHarness.Now.AddHours(-6);
        var expected = sim.Organization.Costs(today, new DateTimeOffset(lagEnd.Year, lagEnd.Month, lagEnd.Day, lagEnd.Hour, lagEnd.Minute, 0, TimeSpan.Zero)).Sum(r => r.AmountUsd);
        Assert.Equal(expected, billed);
        Assert.Equal(expected, sim.Organization.BilledCosts(today, SimulatorHarness.Now).Sum(r => r.AmountUsd));
        Assert.True(sim.Organization.Costs(today, SimulatorHarness.Now).Sum(r => r.AmountUsd) > billed);
    }

    [Fact]
    public void The_costs_lag_is_validated()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimulatedOrganization(new SimulatorOptions { CostsLagHours = -1 }));
        Assert.Contains("Simulator:CostsLagHours", error.Message, StringComparison.Ordinal);
    }
}
