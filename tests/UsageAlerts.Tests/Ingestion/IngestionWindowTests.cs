using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Tests.Ingestion;

public sealed class IngestionWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 17, 42, TimeSpan.Zero);

    private static StreamDefinition Daily(bool resume = true) =>
        new("completions.1d", StreamSource.Usage, UsageKind.Completions, BucketWidth.Day, [], TimeSpan.FromDays(30), TimeSpan.FromDays(3), resume);

    [Fact]
    public void First_run_backfills_from_a_utc_midnight()
    {
        var (start, end) = IngestionWindow.For(Daily(), null, Now);

        Assert.Equal(new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(Now, end);
    }

    [Fact]
    public void Later_runs_re_read_the_repoll_window_before_the_watermark()
    {
        var (start, _) = IngestionWindow.For(Daily(), new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void A_daily_stream_resumes_from_an_old_watermark_without_a_gap()
    {
        var old = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

        var (start, _) = IngestionWindow.For(Daily(), old, Now);

        Assert.Equal(old.AddDays(-3), start);
    }

    [Fact]
    public void A_minute_stream_never_reaches_past_its_window()
    {
        var minute = new StreamDefinition("completions.1m", StreamSource.RecentUsage, UsageKind.Completions, BucketWidth.Minute, [], TimeSpan.FromMinutes(120), TimeSpan.FromMinutes(10), false);

        var (start, _) = IngestionWindow.For(minute, Now.AddDays(-2), Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 17, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData("2024-02-29T13:45:10Z", "2024-02-29T00:00:00Z")]
    [InlineData("2026-12-31T23:59:59Z", "2026-12-31T00:00:00Z")]
    public void Day_alignment_holds_on_leap_days_and_year_end(string time, string aligned) =>
        Assert.Equal(DateTimeOffset.Parse(aligned, System.Globalization.CultureInfo.InvariantCulture), BucketWidth.Day.AlignDown(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
}
