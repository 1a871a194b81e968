using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Simulator.Tests.Infrastructure;

namespace UsageAlerts.Simulator.Tests;

public sealed class PriceChangeTests
{
    private static readonly DateTimeOffset Today = new(SimulatorHarness.Now.UtcDateTime.Date, TimeSpan.Zero);
    private static readonly DateTimeOffset Change = Today.AddHours(-12);

    private static SimulatedOrganization Organization(decimal? factor) => new(
        new SimulatorOptions { PriceChangeFrom = factor is null ? null : Change, PriceChangeFactor = factor ?? 1 },
        new FakeTimeProvider(SimulatorHarness.Now));

    private static decimal Sum(IEnumerable<SimCostRow> rows) => rows.Sum(r => r.AmountUsd);

    [Fact]
    public void Costs_before_the_change_keep_their_prices_and_costs_after_it_are_the_factor_times_as_high()
    {
        var constant = Organization(null);
        var changed = Organization(0.8m);

        Assert.Equal(Sum(constant.Costs(Today.AddDays(-2), Change)), Sum(changed.Costs(Today.AddDays(-2), Change)));
        var after = Sum(constant.Costs(Change, SimulatorHarness.Now));
        Assert.True(after > 0);
        Assert.Equal(after * 0.8m, Sum(changed.Costs(Change, SimulatorHarness.Now)));
        // A range the change falls in is priced in two parts.
        Assert.Equal(Sum(constant.Costs(Today.AddDays(-1), Change)) + (after * 0.8m), Sum(changed.Costs(Today.AddDays(-1), SimulatorHarness.Now)));
        Assert.Equal(constant.Costs(Change, SimulatorHarness.Now).Sum(r => r.Quantity), changed.Costs(Change, SimulatorHarness.Now).Sum(r => r.Quantity));
    }

    [Fact]
    public async Task The_costs_endpoint_bills_at_the_changed_prices()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Fidelity = SimulatorFidelity.Documented, PriceChangeFrom = Change, PriceChangeFactor = 2 });
        var start = SimulatorHarness.Unix(Today.AddDays(-1));

        var page = await sim.GetJsonAsync($"organization/costs?start_time={start}&end_time={start + 86_400}&bucket_width=1d");
        var billed = page.GetProperty("data").EnumerateArray().Results().Sum(r => r.Amount());

        Assert.Equal(Sum(sim.Organization.Costs(Today.AddDays(-1), Today)), billed);
        Assert.True(billed > Sum(Organization(null).Costs(Today.AddDays(-1), Today)));
    }

    [Fact]
    public void The_price_change_is_validated()
    {
        var hour = Assert.Throws<ArgumentException>(() => new SimulatedOrganization(new SimulatorOptions { PriceChangeFrom = Change.AddMinutes(1) }));
        Assert.Contains("Simulator:PriceChangeFrom", hour.Message, StringComparison.Ordinal);
        var factor = Assert.Throws<ArgumentException>(() => new SimulatedOrganization(new SimulatorOptions { PriceChangeFactor = 0 }));
        Assert.Contains("Simulator:PriceChangeFactor", factor.Message, StringComparison.Ordinal);
    }
}
