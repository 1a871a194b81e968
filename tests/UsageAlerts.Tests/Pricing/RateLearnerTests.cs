using UsageAlerts.Pricing;

namespace UsageAlerts.Tests.Pricing;

public sealed class RateLearnerTests
{
    private const string Input = "gpt-4o-2024-08-06, input";

    private static IReadOnlyList<UnitRate> Learn(
        (string? Project, decimal Amount)[] billed,
        (string? Project, string Tier, long Quantity)[] usage) =>
        RateLearner.Learn(
            billed.ToDictionary(b => (b.Project, Input), b => b.Amount),
            usage.ToDictionary(u => (u.Project, Input, u.Tier), u => u.Quantity));

    [Fact]
    public void One_tier_is_amount_over_quantity_exactly()
    {
        var rate = Assert.Single(Learn([("a", 2.50m), ("b", 0.0000025m)], [("a", "default", 1_000_000), ("b", "default", 1)]));

        Assert.Equal(2.5000025m / 1_000_001m, rate.UsdPerUnit);
        Assert.False(rate.Blended);
    }

    [Fact]
    public void Tiers_priced_apart_are_solved_from_projects_with_different_mixes()
    {
        // default $2.50/M, priority $4.375/M, flex $1.25/M
        var rates = Learn(
            [("a", 2.5m + 4.375m * 0.2m), ("b", 2.5m * 3 + 1.25m * 2), ("c", 4.375m * 4), ("d", 2.5m * 0.5m + 1.25m)],
            [("a", "default", 1_000_000), ("a", "priority", 200_000), ("b", "default", 3_000_000), ("b", "flex", 2_000_000), ("c", "priority", 4_000_000), ("d", "default", 500_000), ("d", "flex", 1_000_000)]);

        Assert.Equal(3, rates.Count);
        Assert.All(rates, r => Assert.False(r.Blended));
        Assert.Equal(2.5m, Math.Round(rates.Single(r => r.Tier == "default").UsdPerUnit * 1_000_000m, 9));
        Assert.Equal(4.375m, Math.Round(rates.Single(r => r.Tier == "priority").UsdPerUnit * 1_000_000m, 9));
        Assert.Equal(1.25m, Math.Round(rates.Single(r => r.Tier == "flex").UsdPerUnit * 1_000_000m, 9));
    }

    [Fact]
    public void Tiers_that_always_come_in_the_same_mix_get_one_blended_rate()
    {
        var rates = Learn(
            [("a", 10m), ("b", 20m)],
            [("a", "default", 1000), ("a", "priority", 100), ("b", "default", 2000), ("b", "priority", 200)]);

        Assert.Equal(2, rates.Count);
        Assert.All(rates, r => Assert.True(r.Blended));
        Assert.All(rates, r => Assert.Equal(30m / 3300m, r.UsdPerUnit));
    }

    [Fact]
    public void A_billed_line_item_without_usage_or_usage_without_a_bill_learns_nothing()
    {
        Assert.Empty(RateLearner.Learn(
            new Dictionary<(string?, string), decimal> { [("a", "storage")] = 3m },
            new Dictionary<(string?, string, string), long> { [("a", Input, "default")] = 5 }));
    }
}
