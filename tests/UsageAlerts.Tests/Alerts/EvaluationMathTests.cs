using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Alerts;

public sealed class EvaluationMathTests
{
    [Theory]
    [InlineData("2026-02-28T23:59:59Z", "Month", "2026-02", "2026-02-01", "2026-03-01")]
    [InlineData("2024-02-29T12:00:00Z", "Day", "2024-02-29", "2024-02-29", "2024-03-01")]
    [InlineData("2026-12-31T23:00:00Z", "Quarter", "2026-Q4", "2026-10-01", "2027-01-01")]
    [InlineData("2027-01-01T00:00:00Z", "Week", "2026-W53", "2026-12-28", "2027-01-04")]
    [InlineData("2026-11-23T00:00:00Z", "Week", "2026-W48", "2026-11-23", "2026-11-30")]
    public void Periods_have_explicit_utc_edges(string instant, string period, string key, string start, string end)
    {
        var window = PeriodWindow.Containing(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<BudgetPeriod>(period));

        Assert.Equal(key, window.Key);
        Assert.Equal(start, Display.Day(window.Start));
        Assert.Equal(end, Display.Day(window.End));
    }

    [Fact]
    public void Median_and_mad_thresholds()
    {
        decimal[] baseline = [10, 12, 11, 9, 10, 50, 10];

        Assert.Equal(10m, SpikeMath.Median(baseline));
        Assert.Equal(30m, SpikeMath.Threshold(baseline, SpikeMethod.Median, 3m));
        Assert.Equal(10m + (3m * 1.4826m * 1m), SpikeMath.Threshold(baseline, SpikeMethod.Mad, 3m));
    }

    [Fact]
    public void Headroom_takes_the_peak_minute_and_counts_fine_tunes_against_their_base()
    {
        var minute = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        UsageRecord[] rows =
        [
            Minute(minute, "p", "gpt-4o-mini-2024-07-18", 10, 1000, 500),
            Minute(minute, "p", "ft:gpt-4o-mini-2024-07-18:acme:bot:x1", 5, 400, 100),
            Minute(minute.AddMinutes(1), "p", "gpt-4o-mini-2024-07-18", 30, 600, 100),
            Minute(minute, "other", "gpt-4o-mini-2024-07-18", 999, 999_999, 0),
        ];
        var minutes = new MinuteUsage(new RateLimitCaps(new Dictionary<string, IReadOnlyList<RateLimitRecord>>
        {
            ["p"] = [new("p", "gpt-4o-mini-2024-07-18", 100, 4000)],
        }));
        foreach (var row in rows)
        {
            minutes.Add(row);
        }

        var headroom = Assert.Single(HeadroomCalculator.Calculate(minutes));

        Assert.Equal(2000, headroom.PeakTokens);
        Assert.Equal(minute, headroom.PeakTokensAt);
        Assert.Equal(50m, headroom.TokensPercent);
        Assert.Equal(30, headroom.PeakRequests);
        Assert.Equal(minute.AddMinutes(1), headroom.PeakRequestsAt);
    }

    private static UsageRecord Minute(DateTimeOffset start, string project, string model, long requests, long input, long output) =>
        new(start, "completions", project, model, null, [new("num_model_requests", requests), new("input_tokens", input), new("output_tokens", output)]);
}
