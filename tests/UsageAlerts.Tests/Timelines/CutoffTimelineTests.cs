using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Health;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Timelines;

/// <summary>
/// Issue 11's hard-limit timelines: the simulator as OpenAI (its spend limits and their enforcement), Azurite, the
/// real jobs, engine and deliverer on a fake clock, and webhooks that fail on an extra or a missing message.
/// </summary>
public sealed class CutoffTimelineTests : IAsyncDisposable
{
    private const string Both = "\"receivers\": [\"finance-teams\", \"platform-slack\"]";

    private readonly string _rulesPath = Path.Combine(Path.GetTempPath(), $"cutoff-rules-{Guid.NewGuid():N}.json");

    public ValueTask DisposeAsync()
    {
        File.Delete(_rulesPath);
        return ValueTask.CompletedTask;
    }

    private async Task<(IngestionHarness Harness, WebhookStub Webhooks)> StartAsync(string name, string rules, Dictionary<string, string?>? settings = null)
    {
        await File.WriteAllTextAsync(_rulesPath, AlertTimeline.Document(rules));
        var webhooks = new WebhookStub();
        var all = new Dictionary<string, string?>(settings ?? []) { ["Rules:Path"] = _rulesPath };
        var harness = await IngestionHarness.StartAsync(name, new SimulatorOptions { Scenarios = false, Projects = 3, Days = 40 }, all, webhooks: webhooks);
        return (harness, webhooks);
    }

    /// <summary>Polls what a scheduled hour would (projects and spend controls, costs), then evaluates and delivers.</summary>
    private static async Task StepAsync(IngestionHarness harness, DateTimeOffset at)
    {
        harness.Clock.AdjustTime(at);
        await harness.RunAsync(JobNames.PollProjects);
        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.Evaluate);
    }

    /// <summary>The simulator's truth: month to date and the run-rate (USD per hour) over yesterday and today so far.</summary>
    private static (decimal MonthToDate, decimal PerHour) Truth(IngestionHarness harness, string projectId)
    {
        var now = harness.Clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        decimal Spent(DateTimeOffset from) => harness.Simulator.Organization.Costs(from, now).Where(c => c.ProjectId == projectId).Sum(c => c.AmountUsd);
        return (Spent(month), Spent(today.AddDays(-1)) / (decimal)(now - today.AddDays(-1)).TotalHours);
    }

    private static async Task<System.Text.Json.JsonElement> BudgetsAsync(IngestionHarness harness)
    {
        var handler = harness.Services.GetRequiredKeyedService<UsageAlerts.Http.IRouteHandler>(UsageAlerts.Http.RouteNames.Budgets);
        var reply = await handler.HandleAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext().Request, default);
        return System.Text.Json.JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    /// <summary>The dashboard's budget panel as the page renders it (its gauges and their notes).</summary>
    private static async Task<string> BudgetPanelAsync(IngestionHarness harness)
    {
        var handler = harness.Services.GetRequiredKeyedService<UsageAlerts.Http.IRouteHandler>(UsageAlerts.Http.RouteNames.Dashboard);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?stack=project");
        var html = (await handler.HandleAsync(context.Request, default)).Body;
        var start = html.IndexOf("Hard limits and budgets", StringComparison.Ordinal);
        Assert.True(start >= 0, "the dashboard has no budget panel");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    private static long Cents(decimal usd) => (long)Math.Ceiling(usd * 100m);

    [Fact]
    public async Task A_limit_reached_in_20_hours_is_one_critical_message_and_raising_it_resolves_it()
    {
        var (harness, webhooks) = await StartAsync("cutoff20", $$"""
            "hardLimits": { "warningHours": 72, "criticalHours": 24, {{Both}} }
            """);
        await using var _ = harness;
        var project = harness.Simulator.Organization.Projects[0];
        var start = harness.Clock.GetUtcNow();
        await StepAsync(harness, start);
        webhooks.Expect();

        harness.Clock.AdjustTime(start.AddMinutes(5));
        var (spent, perHour) = Truth(harness, project.Id);
        Assert.True(perHour > 0, "the project must be spending");
        var limit = Cents(spent + (20 * perHour));
        harness.Simulator.Organization.SetSpendLimit(project.Id, limit);
        await StepAsync(harness, start.AddMinutes(5));
        var limitText = "$" + (limit / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains($"Project {project.Name} reaches its hard limit of {limitText} in about 20 h", m.Body, StringComparison.Ordinal);
            Assert.Contains("its API requests will then fail", m.Body, StringComparison.Ordinal);
            Assert.Contains("Critical", m.Body, StringComparison.Ordinal);
            Assert.Contains($"hardlimit|{project.Id}", m.Body, StringComparison.Ordinal);
        });

        var control = (await BudgetsAsync(harness)).GetProperty("openAiSpendControls").EnumerateArray().Single(c => c.TryGetProperty("projectId", out var id) && id.GetString() == project.Id);
        var cutoff = control.GetProperty("hardLimit").GetProperty("cutoff");
        Assert.Equal("critical", cutoff.GetProperty("level").GetString());
        Assert.InRange(cutoff.GetProperty("reachesAt").GetDateTimeOffset(), start.AddHours(19.5), start.AddHours(20.5));
        Assert.Equal("firing", control.GetProperty("hardLimit").GetProperty("alert").GetProperty("status").GetString());
        var reachesAt = cutoff.GetProperty("reachesAt").GetDateTimeOffset();
        var panel = await BudgetPanelAsync(harness);
        Assert.Contains($"reached {UsageAlerts.Alerts.HardLimits.HardLimitSource.In(reachesAt - harness.Clock.GetUtcNow())}, {UsageAlerts.Alerts.HardLimits.HardLimitSource.Around(reachesAt, harness.Clock.GetUtcNow())}", panel, StringComparison.Ordinal);
        Assert.Contains("#e15759", panel, StringComparison.Ordinal);

        // Polls and evaluations go on through the afternoon: the same forecast says nothing new.
        for (var minutes = 65; minutes <= 245; minutes += 60)
        {
            await StepAsync(harness, start.AddMinutes(minutes));
            webhooks.Expect();
        }

        // The team raises the limit: clear at once, resolved once it stayed clear for the resolve delay (1 h).
        harness.Simulator.Organization.SetSpendLimit(project.Id, limit * 4);
        await StepAsync(harness, start.AddMinutes(250));
        webhooks.Expect();
        await StepAsync(harness, start.AddMinutes(320));
        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains($"Resolved: Project {project.Name} not heading for its hard limit", m.Body, StringComparison.Ordinal));
        Assert.DoesNotContain("#e15759", await BudgetPanelAsync(harness), StringComparison.Ordinal);
        await StepAsync(harness, start.AddMinutes(380));
        webhooks.Expect();
    }

    [Fact]
    public async Task A_reached_limit_escalates_to_critical_naming_the_project_now_failing()
    {
        var (harness, webhooks) = await StartAsync("cutoffreached", $$"""
            "hardLimits": { {{Both}} }
            """);
        await using var _ = harness;
        var project = harness.Simulator.Organization.Projects[1];
        var start = harness.Clock.GetUtcNow();
        await StepAsync(harness, start);
        harness.Clock.AdjustTime(start.AddMinutes(5));
        var (spent, perHour) = Truth(harness, project.Id);
        harness.Simulator.Organization.SetSpendLimit(project.Id, Cents(spent + (2 * perHour)));
        await StepAsync(harness, start.AddMinutes(5));
        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains("in about 2 h", m.Body, StringComparison.Ordinal));

        // Four hours on, the simulator enforces the limit: spend stopped at it, and the project's requests fail.
        await StepAsync(harness, start.AddHours(4));
        Assert.NotNull(harness.Simulator.Organization.SpendLimit(project.Id)!.ReachedAt);
        Assert.All(webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains($"Project {project.Name} reached its hard limit", m.Body, StringComparison.Ordinal);
            Assert.Contains("its API requests are failing", m.Body, StringComparison.Ordinal);
        });
        await StepAsync(harness, start.AddHours(5));
        webhooks.Expect();
    }
    private static string Budget(string project, decimal amount, string enforce) =>
        $$"""{ "id": "lab-monthly", "name": "Lab monthly", "scope": { "projects": ["{{project}}"] }, "amountUsd": {{amount}}, "thresholds": [ { "percent": 500 } ], "enforce": {{enforce}}, {{Both}} }""";

    private static string Usd(decimal amount) => "$" + amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<EnforcementHealth> EnforcementAsync(IngestionHarness harness) =>
        Assert.Single((await harness.Services.GetRequiredService<HealthService>().CheckAsync(default)).Enforcement);

    /// <summary>A simulator whose first project spends, with the budget made from its month to date (whole dollars).</summary>
    private async Task<(IngestionHarness Harness, WebhookStub Webhooks, SimProject Project, decimal Spent)> StartEnforcedAsync(string name, Func<SimProject, decimal, string> budget)
    {
        var (harness, webhooks) = await StartAsync(name, "\"budgets\": []");
        var project = harness.Simulator.Organization.Projects[0];
        var spent = Math.Round(Truth(harness, project.Id).MonthToDate, 0);
        await File.WriteAllTextAsync(_rulesPath, AlertTimeline.Document($$"""
            "budgets": [ {{budget(project, spent)}} ]
            """));
        await harness.RestartAsync();
        return (harness, webhooks, project, spent);
    }

    [Fact]
    public async Task Enforce_in_a_dry_run_reports_once_and_changes_nothing_at_OpenAI()
    {
        var (harness, webhooks, project, spent) = await StartEnforcedAsync("enforcedry", (p, s) => Budget(p.Name, s * 3, "{}"));
        await using var _ = harness;
        var start = harness.Clock.GetUtcNow();
        await StepAsync(harness, start);

        Assert.All(webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("Dry run: budget ", m.Body, StringComparison.Ordinal);
            Assert.Contains($"would set the hard limit of project {project.Name}", m.Body, StringComparison.Ordinal);
            Assert.Contains($"from none to {Usd(spent * 3)}", m.Body, StringComparison.Ordinal);
        });
        Assert.Null(harness.Simulator.Organization.SpendLimit(project.Id));
        var health = await EnforcementAsync(harness);
        Assert.Equal(("dry run", "wouldChange", (decimal?)null, spent * 3), (health.Mode, health.Outcome, health.HardLimitUsd, health.BudgetUsd));

        for (var hour = 1; hour <= 3; hour++)
        {
            await StepAsync(harness, start.AddHours(hour));
            webhooks.Expect();
        }

        Assert.Null(harness.Simulator.Organization.SpendLimit(project.Id));
    }

    [Fact]
    public async Task Enforce_for_real_sets_the_limit_at_OpenAI_once_and_then_keeps_quiet()
    {
        var (harness, webhooks, project, spent) = await StartEnforcedAsync("enforcereal", (p, s) => Budget(p.Id, s * 3, """{ "dryRun": false }"""));
        await using var _ = harness;
        var start = harness.Clock.GetUtcNow();
        await StepAsync(harness, start);

        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains($"hard limit at OpenAI set to {Usd(spent * 3)}", m.Body, StringComparison.Ordinal));
        Assert.Equal((long)(spent * 300), harness.Simulator.Organization.SpendLimit(project.Id)!.ThresholdCents);
        var health = await EnforcementAsync(harness);
        Assert.Equal(("enforcing", "changed", (decimal?)(spent * 3)), (health.Mode, health.Outcome, health.HardLimitUsd));
        Assert.Equal(start, health.LastChangeAt);

        var posts = harness.Simulator.Calls.Count("project_spend_limit");
        await StepAsync(harness, start.AddMinutes(5));
        await StepAsync(harness, start.AddHours(1));
        webhooks.Expect();
        Assert.Equal("inSync", (await EnforcementAsync(harness)).Outcome);

        // Someone lowers it by hand at OpenAI: the next evaluation after the poll puts it back, and says so.
        harness.Simulator.Organization.SetSpendLimit(project.Id, (long)(spent * 250));
        await StepAsync(harness, start.AddHours(2));
        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains($"from {Usd(spent * 2.5m)} to {Usd(spent * 3)}", m.Body, StringComparison.Ordinal));
        Assert.Equal((long)(spent * 300), harness.Simulator.Organization.SpendLimit(project.Id)!.ThresholdCents);
        Assert.True(harness.Simulator.Calls.Count("project_spend_limit") > posts);
    }

    [Fact]
    public async Task Enforce_never_sets_a_limit_below_this_months_spend()
    {
        var (harness, webhooks, project, spent) = await StartEnforcedAsync("enforcebelow", (p, s) => Budget(p.Name, Math.Round(s / 2), """{ "dryRun": false }"""));
        await using var _ = harness;
        var start = harness.Clock.GetUtcNow();
        await StepAsync(harness, start);

        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains($"not enforced: {Usd(Math.Round(spent / 2))} is below this month", m.Body, StringComparison.Ordinal));
        Assert.Null(harness.Simulator.Organization.SpendLimit(project.Id));
        Assert.Equal("belowSpend", (await EnforcementAsync(harness)).Outcome);
        await StepAsync(harness, start.AddHours(1));
        webhooks.Expect();
        Assert.Null(harness.Simulator.Organization.SpendLimit(project.Id));
    }

    [Fact]
    public async Task A_key_without_write_access_is_reported_once_and_retried_only_after_the_interval()
    {
        var (harness, webhooks, project, spent) = await StartEnforcedAsync("enforce403", (p, s) => Budget(p.Name, s * 3, """{ "dryRun": false }"""));
        await using var _ = harness;
        var start = harness.Clock.GetUtcNow();
        await harness.RunAsync(JobNames.PollProjects);
        await harness.RunAsync(JobNames.PollCosts);
        var fault = new FaultRule { Route = "project_spend_limit", Kind = FaultKind.Forbidden };
        harness.Simulator.Faults.Add(fault);
        var calls = harness.Simulator.Calls.Count("project_spend_limit");
        await harness.RunAsync(JobNames.Evaluate);

        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains("the admin key may not change hard limits", m.Body, StringComparison.Ordinal));
        Assert.Equal(calls + 1, harness.Simulator.Calls.Count("project_spend_limit"));
        var health = await EnforcementAsync(harness);
        Assert.Equal(("forbidden", (DateTimeOffset?)start.AddDays(1)), (health.Outcome, health.NextTryAfter));

        // Evaluations within the day neither try again nor repeat the report.
        for (var hour = 1; hour <= 2; hour++)
        {
            harness.Clock.AdjustTime(start.AddHours(hour));
            await harness.RunAsync(JobNames.PollCosts);
            await harness.RunAsync(JobNames.Evaluate);
            webhooks.Expect();
        }

        Assert.Equal(calls + 1, harness.Simulator.Calls.Count("project_spend_limit"));
        Assert.Null(harness.Simulator.Organization.SpendLimit(project.Id));

        // The key gets write access; after the interval the change is tried again and made.
        harness.Simulator.Faults.Clear();
        await StepAsync(harness, start.AddDays(1).AddMinutes(5));
        Assert.All(webhooks.Expect("teams", "slack"), m => Assert.Contains($"hard limit at OpenAI set to {Usd(spent * 3)}", m.Body, StringComparison.Ordinal));
        Assert.Equal((long)(spent * 300), harness.Simulator.Organization.SpendLimit(project.Id)!.ThresholdCents);
    }
    [Fact]
    public async Task The_demo_organization_has_one_project_heading_for_its_hard_limit()
    {
        var webhooks = new WebhookStub();
        // As the demo runs: its costs lag, its example rules and example prices file.
        await using var harness = await IngestionHarness.StartAsync(
            "cutoffdemo",
            new SimulatorOptions { CostsLagHours = UsageAlerts.Standalone.Demo.DemoSimulator.DefaultCostsLagHours },
            new() { ["Rules:Path"] = Path.Combine(RepoPaths.Root, "config", "rules.json"), ["Pricing:PricesPath"] = Path.Combine(RepoPaths.Root, "config", "prices.json") },
            webhooks: webhooks);
        var research = harness.Simulator.Organization.Scenarios.OverrunProjectName;
        await harness.RunAsync(JobNames.PollProjects);
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollRecentUsage);
        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.Evaluate);

        foreach (var channel in new[] { "teams", "slack" })
        {
            var cutoffs = webhooks.All(channel).Where(m => m.Body.Contains("hardlimit|", StringComparison.Ordinal)).ToList();
            var message = Assert.Single(cutoffs);
            Assert.Contains($"Project {research} reaches its hard limit of", message.Body, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(message.Body, @"hardlimit\|"));
        }

        // Today is not billed yet (costs lag 6 hours): Research's budget message runs on the estimate, and says so.
        Assert.All(webhooks.All("slack"), m => Assert.Matches(@"Budget \\""Research[^*]*\(estimated\)\*", m.Body));
    }
}
