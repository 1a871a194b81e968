using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class ReadSegmentTests
{
    private static string Describe(IEnumerable<ReadSegment> segments) =>
        string.Join(" ", segments.Select(s => (s.Month ? "M" : "D") + $"{s.Days.From:MMdd}-{s.Days.To:MMdd}"));

    [Fact]
    public void Whole_sealed_months_come_from_month_packs_and_the_rest_in_runs_of_days_within_a_month()
    {
        var segments = ReadSegment.Plan(new SummaryRange(D("2026-08-20"), D("2026-11-24")), D("2026-11-20"), allowMonths: true);

        Assert.Equal("D0820-0901 M0901-1001 M1001-1101 D1101-1124", Describe(segments));
    }

    [Fact]
    public void A_month_ending_after_the_horizon_is_read_by_day()
    {
        var segments = ReadSegment.Plan(new SummaryRange(D("2026-10-01"), D("2026-11-01")), D("2026-10-31"), allowMonths: true);

        Assert.DoesNotContain(segments, s => s.Month);
        Assert.Equal(D("2026-10-01"), segments[0].Days.From);
        Assert.Equal(D("2026-11-01"), segments[^1].Days.To);
    }

    [Fact]
    public void Without_rollups_or_a_horizon_every_day_is_read_and_covered_once()
    {
        var range = new SummaryRange(D("2028-02-01"), D("2028-04-01"));

        foreach (var segments in new[] { ReadSegment.Plan(range, D("2029-01-01"), allowMonths: false), ReadSegment.Plan(range, null, allowMonths: true) })
        {
            Assert.DoesNotContain(segments, s => s.Month);
            Assert.Equal(range.Days, segments.Sum(s => s.Days.Days));
            Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.Equal(pair.First.Days.To, pair.Second.Days.From));
            Assert.All(segments, s => Assert.Equal(s.Days.From.Month, s.Days.To.AddDays(-1).Month));
        }
    }

    [Fact]
    public void A_year_reads_twelve_sealed_months()
    {
        var segments = ReadSegment.Plan(new SummaryRange(D("2025-01-01"), D("2026-01-01")), D("2026-01-04"), allowMonths: true);

        Assert.Equal(12, segments.Count);
        Assert.All(segments, s => Assert.True(s.Month));
        Assert.Equal(28, segments[1].Days.Days);
    }
}
