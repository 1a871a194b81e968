using System.Globalization;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>Numbers and times the way people read them in chat: <c>$1,234.56</c>, <c>1.2M</c>, <c>104 %</c>, UTC.</summary>
internal static class Display
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Usd(decimal amount) => amount < 0 ? "-" + Usd(-amount) : "$" + Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", Culture);

    public static string Percent(decimal percent) => Math.Round(percent, 0, MidpointRounding.AwayFromZero).ToString("#,##0", Culture) + " %";

    public static string Count(decimal value) => Math.Abs(value) switch
    {
        >= 1_000_000_000m => (value / 1_000_000_000m).ToString("0.#", Culture) + "B",
        >= 1_000_000m => (value / 1_000_000m).ToString("0.#", Culture) + "M",
        >= 10_000m => (value / 1_000m).ToString("0.#", Culture) + "k",
        _ => value.ToString("#,##0", Culture),
    };

    public static string Minute(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Culture) + " UTC";

    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", Culture);

    public static string Duration(TimeSpan span) => span.TotalMinutes < 60
        ? $"{Math.Max(1, (int)span.TotalMinutes)} min"
        : span.TotalHours < 48 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{(int)span.TotalDays} days";
}
