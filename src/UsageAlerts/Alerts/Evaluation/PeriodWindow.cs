using System.Globalization;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>A budget period with explicit UTC boundaries (end exclusive) and a key that names it in alert ids.</summary>
internal sealed record PeriodWindow(DateTimeOffset Start, DateTimeOffset End, string Key)
{
    public static PeriodWindow Containing(DateTimeOffset instant, BudgetPeriod period)
    {
        var day = new DateTimeOffset(instant.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            BudgetPeriod.Day => new(day, day.AddDays(1), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            BudgetPeriod.Week => Week(day),
            BudgetPeriod.Month => Month(day),
            _ => Quarter(day),
        };
    }

    /// <summary>Share of the period already behind us, 0 to 1.</summary>
    public double Elapsed(DateTimeOffset now) => Math.Clamp((now - Start) / (End - Start), 0, 1);

    public double DaysLeft(DateTimeOffset now) => Math.Max(0, (End - now).TotalDays);

    private static PeriodWindow Week(DateTimeOffset day)
    {
        var start = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var key = $"{ISOWeek.GetYear(start.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(start.UtcDateTime):D2}";
        return new(start, start.AddDays(7), key);
    }

    private static PeriodWindow Month(DateTimeOffset day)
    {
        var start = new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new(start, start.AddMonths(1), start.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    private static PeriodWindow Quarter(DateTimeOffset day)
    {
        var quarter = (day.Month - 1) / 3;
        var start = new DateTimeOffset(day.Year, (quarter * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new(start, start.AddMonths(3), $"{day.Year}-Q{quarter + 1}");
    }
}
