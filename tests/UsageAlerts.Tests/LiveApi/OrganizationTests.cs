using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Health;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.LiveApi;

/// <summary>Results name their organization: a key of another organization must blind monitoring, never feed it.</summary>
public sealed class OrganizationTests
{
    [Fact]
    public async Task Results_of_another_organization_blind_every_stream_and_store_nothing()
    {
        await using var harness = await IngestionHarness.StartAsync("otherorg", settings: new() { ["OpenAI:OrganizationId"] = "org-TheOneWePayFor" });

        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.PollUsage);

        var states = await harness.Services.GetRequiredService<StreamStateStore>().GetAllAsync(default);
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal("WrongOrganization", s.LastErrorKind));
        Assert.Contains(states, s => s.LastError!.Contains("another organization", StringComparison.Ordinal));
        Assert.Empty(await harness.RowsAsync(TableName.Costs, ""));
        Assert.Empty(await harness.RowsAsync(TableName.Usage, ""));

        var context = await harness.Services.GetRequiredService<EvaluationContextFactory>().CreateAsync(default);
        var rules = new UsageAlerts.Rules.RulesDocument { Blind = new UsageAlerts.Rules.BlindRule() };
        var observations = await harness.Services.GetServices<IAlertSource>().OfType<BlindSource>().Single().ObserveAsync(rules, context, default);
        Assert.Contains(observations, o => o.State == UsageAlerts.Alerts.ObservedState.Firing
            && o.Content.Title.Contains("the admin key belongs to another organization", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Results_of_the_configured_organization_or_with_none_configured_are_stored(bool configured)
    {
        // Infra passes an empty value when the operator set none: that is "not checked", not a mismatch.
        var simulator = new UsageAlerts.Simulator.SimulatorOptions();
        await using var harness = await IngestionHarness.StartAsync("sameorg" + configured, simulator, new() { ["OpenAI:OrganizationId"] = configured ? simulator.OrganizationId : "" });

        await harness.RunAsync(JobNames.PollCosts);

        Assert.NotEmpty(await harness.RowsAsync(TableName.Costs, ""));
    }
}
