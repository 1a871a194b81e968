using UsageAlerts.Pricing;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Tests.Pricing;

public sealed class SpendMergeTests
{
    private static readonly DateOnly Day = new(2026, 12, 4);

    private static CostRecord Billed(string project, decimal amount, int day = 0) => new(Day.AddDays(day), project, "gpt-4o, input", null, amount);

    private static CostRecord Estimate(string project, decimal amount, int day = 0) => new(Day.AddDays(day), project, "gpt-4o, input", null, amount, Estimated: true);

    [Fact]
    public void A_bill_still_catching_up_gives_way_to_the_larger_estimate_per_project_and_day()
    {
        var merged = SpendReader.Merge(
            [Billed("a", 150m), Billed("b", 40m), Billed("a", 500m, day: -1)],
            [Estimate("a", 480m), Estimate("b", 39m), Estimate("c", 7m), Estimate("a", 495m, day: -1)],
            lagMarginPercent: 0).ToList();

        Assert.Equal(480m, merged.Where(c => c.ProjectId == "a" && c.Day == Day).Sum(c => c.AmountUsd));
        Assert.True(merged.Where(c => c.ProjectId == "a" && c.Day == Day).All(c => c.Estimated));
        Assert.Equal(40m, Assert.Single(merged, c => c.ProjectId == "b").AmountUsd);
        Assert.True(Assert.Single(merged, c => c.ProjectId == "c").Estimated);
        Assert.False(Assert.Single(merged, c => c.Day == Day.AddDays(-1)).Estimated);
    }

    [Fact]
    public void Credits_stay_and_a_credit_only_group_is_not_replaced_by_nothing()
    {
        var merged = SpendReader.Merge(
            [Billed("a", 50m), Billed("a", -10m), Billed(null!, -3m)],
            [Estimate("a", 100m)],
            lagMarginPercent: 2).ToList();

        Assert.Equal(90m, merged.Where(c => c.ProjectId == "a").Sum(c => c.AmountUsd));
        Assert.Equal(-3m, Assert.Single(merged, c => c.ProjectId is null).AmountUsd);
    }

    [Theory]
    [InlineData(0, 99, true)]
    [InlineData(2, 99, false)]
    [InlineData(2, 97.99, true)]
    [InlineData(2, 98, false)]
    public void A_bill_within_the_lag_margin_below_the_estimate_is_taken_as_complete(decimal margin, decimal bill, bool estimated)
    {
        var merged = SpendReader.Merge([Billed("a", bill)], [Estimate("a", 100m)], margin).ToList();

        Assert.Equal(estimated ? 100m : bill, Assert.Single(merged).AmountUsd);
        Assert.Equal(estimated, merged[0].Estimated);
    }
}
