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
}
