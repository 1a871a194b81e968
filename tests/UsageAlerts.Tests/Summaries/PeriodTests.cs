using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-11-23")] // Monday
    [InlineData("2026-11-29", "2026-11-23")] // Sunday belongs to the week before
    [InlineData("2027-01-01", "2026-12-28")] // ISO week 53 of 2026 reaches into 2027
    [InlineData("2025-12-31", "2025-12-29")] // ... and ISO week 1 of 2026 starts in 2025
    [InlineData("2028-02-29", "2028-02-28")]
    public void Weeks_start_on_their_iso_monday(string day, string monday) =>
        Assert.Equal(D(monday), Periods.StartOf(D(day), Dimension.Week));

    [Theory]
    [InlineData("2028-02-29", "2028-02-01", "2028-03-01")]
    [InlineData("2026-12-31", "2026-12-01", "2027-01-01")]
    [InlineData("2027-01-01", "2027-01-01", "2027-02-01")]
    public void Months_run_from_the_first_to_the_next_first(string day, string start, string end)
    {
        var first = Periods.StartOf(D(day), Dimension.Month);

        Assert.Equal(D(start), first);
        Assert.Equal(D(end), Periods.EndOf(first, Dimension.Month));
    }

    [Fact]
    public void Weeks_across_the_year_end_are_one_group()
    {
        object[] rows =
        [
            Cost("2026-12-27", "p", "x", 1m), // Sunday: week of 2026-12-21
            Cost("2026-12-28", "p", "x", 2m),
            Cost("2026-12-31", "p", "x", 3m),
            Cost("2027-01-03", "p", "x", 4m), // Sunday: still week 53
            Cost("2027-01-04", "p", "x", 5m), // Monday: week 1 of 2027
        ];

        var weeks = Aggregate([Dimension.Week], rows).Groups().ToDictionary(g => g.Key.First!, g => g.Value.CostUsd);

        Assert.Equal(new Dictionary<string, decimal> { ["2026-12-21"] = 1m, ["2026-12-28"] = 9m, ["2027-01-04"] = 5m }, weeks);
    }

    [Fact]
    public void The_29th_of_february_falls_in_february_and_months_roll_over_once()
    {
        object[] rows =
        [
            Cost("2028-02-28", "p", "x", 1m),
            Cost("2028-02-29", "p", "x", 2m),
            Cost("2028-03-01", "p", "x", 4m),
            Usage("2028-02-29", "p", "m", 10),
        ];

        var months = Aggregate([Dimension.Month], rows).ByKey();
        var days = Aggregate([Dimension.Day], rows).ByKey();

        Assert.Equal(3m, months[new GroupKey("2028-02-01", null)].CostUsd);
        Assert.Equal(4m, months[new GroupKey("2028-03-01", null)].CostUsd);
        Assert.Equal(10, days[new GroupKey("2028-02-29", null)].Headline(HeadlineMetric.InputTokens));
    }

    [Fact]
    public void Months_at_the_year_end_split_on_january_first()
    {
        object[] rows = [Cost("2026-12-31", "p", "x", 1m), Cost("2027-01-01", "p", "x", 2m)];

        var months = Aggregate([Dimension.Month, Dimension.Project], rows).Groups().Select(g => g.Key.First).ToList();

        Assert.Equal(["2026-12-01", "2027-01-01"], months);
    }
}
