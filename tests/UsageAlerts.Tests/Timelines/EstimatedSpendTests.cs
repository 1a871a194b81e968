using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Digests;
using UsageAlerts.Rules;
using UsageAlerts.Simulator;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Timelines;

/// <summary>
/// Cost spikes and digests read spend the way budgets do: on days OpenAI's bill does not cover yet (costs lagging
/// 36 hours here, so yesterday and today have no bill at all) they use the estimate from usage, and say so.
/// </summary>
public sealed class EstimatedSpendTests
{
    private static readonly DateTimeOffset Nov24 = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    /// <summary>08:00 on the 25th: the spike rule judges the 24th (settled 6 hours), which OpenAI has not billed a cent of.</summary>
    private static readonly DateTimeOffset Now = Nov24.AddDays(1).AddHours(8);

    private static SimulatorOptions Options(double surge) => new()
    {
        Projects = 4, Models = 3, Days = 35, Scenarios = false, CostsLagHours = 36,
        SurgeFrom = Nov24, SurgeProject = 1, SurgeFactor = surge,
    };

    [Fact]
    public async Task A_spend_spike_on_a_day_with_only_estimated_spend_fires_and_says_estimated()
    {
        var options = Options(surge: 10);
        await using var timeline = await SpendTimeline.StartAsync("estspike", Now, options, """
            "spikes": [ { "id": "spend-spike", "name": "Spend spike", "metric": "cost", "granularity": "day", "perProject": true, "minimum": 10,
                          "receivers": ["finance-teams", "platform-slack"] } ]
            """);
        var project = timeline.Simulator.Organization.Projects[1];
        string[] others = ["(no project)", .. timeline.Simulator.Organization.Projects.Where(p => p.Id != project.Id).Select(p => p.Id)];
        Assert.Empty(timeline.Simulator.Organization.BilledCosts(Nov24, Nov24.AddDays(1)));

        await timeline.StartUpAsync();

        var messages = timeline.Messages;
        Assert.Equal(["finance-teams", "platform-slack"], messages.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(messages, m =>
        {
            // One spike, the surging project's (the sparse default project's cents stay under the minimum).
            Assert.Contains($"Spend spike: {project.Id} at $", m.Body, StringComparison.Ordinal);
            Assert.All(others, other => Assert.DoesNotContain(other, m.Body, StringComparison.Ordinal));
            Assert.Contains("2026-11-24", m.Body, StringComparison.Ordinal);
            Assert.Contains("(estimated)", m.Body, StringComparison.Ordinal);
            Assert.Contains("usage × learned rates", m.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_digest_shows_the_estimate_for_today_and_yesterday_and_says_so()
    {
        await using var timeline = await SpendTimeline.StartAsync("estdigest", Now, Options(surge: 1), """
            "digests": [ { "name": "Daily digest", "schedule": "0 0 8 * * *", "receivers": ["finance-teams"] } ]
            """);
        await timeline.StartUpAsync();

        var services = timeline.Services;
        var rules = services.GetRequiredService<RulesProvider>().Current;
        var context = await services.GetRequiredService<EvaluationContextFactory>().CreateAsync(default);
        var digest = await services.GetRequiredService<DigestBuilder>().BuildAsync(rules.Digests[0], rules, context, "Org", null, default);

        var headline = digest.Headline.ToDictionary(f => f.Label, f => f.Value);
        Assert.Matches(@"^\$[1-9][0-9,]*\.\d\d \(estimated\)$", headline["Today so far (provisional)"]);
        Assert.Matches(@"^\$[1-9][0-9,]*\.\d\d \(estimated\)", headline["Yesterday"]);
        // November so far is mostly billed: only its last day and a half is estimated.
        Assert.Matches(@"^\$[0-9,.]+ \(estimated: \$[0-9,.]+ of it\)$", headline["Month to date"]);
    }
}
