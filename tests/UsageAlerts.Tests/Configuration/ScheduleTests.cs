using UsageAlerts.Configuration;

namespace UsageAlerts.Tests.Configuration;

public sealed class ScheduleTests
{
    [Fact]
    public void Six_field_expressions_run_in_utc_with_seconds()
    {
        var schedule = CronSchedule.Parse("30 */5 * * * *");

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 5, 30, TimeSpan.Zero), schedule.Next(new DateTimeOffset(2026, 11, 23, 10, 1, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.LongestInterval(DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 61 * * * *")]
    [InlineData("every five minutes")]
    [InlineData("")]
    public void Anything_but_a_valid_six_field_expression_is_refused(string expression)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(expression, error, StringComparison.Ordinal);
    }
}
