using System.Globalization;

namespace UsageAlerts.Storage;

/// <summary>
/// UTC calendar periods a day belongs to. A period is named by its first day (<c>yyyy-MM-dd</c>), so period
/// values sort as text and load as dates in Excel and Power BI; a week starts on its ISO Monday, even when that
/// Monday lies in the previous year.
/// </summary>
internal static class Periods
{
    public static DateOnly StartOf(DateOnly day, Dimension period) => period switch
    {
        Dimension.Day => day,
        Dimension.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Dimension.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a period"),
    };

    /// <summary>The first day after the period that starts at <paramref name="start"/>.</summary>
    public static DateOnly EndOf(DateOnly start, Dimension period) => period switch
    {
        Dimension.Day => start.AddDays(1),
        Dimension.Week => start.AddDays(7),
        Dimension.Month => start.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a period"),
    };

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    public static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
