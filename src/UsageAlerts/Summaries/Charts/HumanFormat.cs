using System.Globalization;

namespace UsageAlerts.Summaries.Charts;

/// <summary>Numbers for people (<c>$1,234.56</c>, <c>1.2M</c>); JSON and CSV keep raw values.</summary>
internal static class HumanFormat
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Dollars to the cent, rounded half away from zero; a non-zero amount under a cent says so.</summary>
    public static string Usd(decimal amount)
    {
        if (amount != 0 && Math.Abs(amount) < 0.005m)
        {
            return amount > 0 ? "<$0.01" : "-<$0.01";
        }

        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        return (rounded < 0 ? "-$" : "$") + Math.Abs(rounded).ToString("#,##0.00", Culture);
    }

    /// <summary>Short dollars for axis ticks: <c>$950</c>, <c>$1.2K</c>, <c>$0.25</c>.</summary>
    public static string UsdShort(double amount) =>
        Math.Abs(amount) < 10 && amount != Math.Floor(amount)
            ? "$" + amount.ToString("0.##", Culture)
            : "$" + Count(amount);

    /// <summary>A count with a K/M/B/T suffix and at most three significant digits.</summary>
    public static string Count(double value)
    {
        var magnitude = Math.Abs(value);
        (double Divisor, string Suffix) unit = magnitude switch
        {
            >= 1e12 => (1e12, "T"),
            >= 1e9 => (1e9, "B"),
            >= 1e6 => (1e6, "M"),
            >= 1e3 => (1e3, "K"),
            _ => (1, ""),
        };
        var scaled = value / unit.Divisor;
        var format = Math.Abs(scaled) >= 100 || unit.Suffix.Length == 0 ? "0" : "0.#";
        return scaled.ToString(format, Culture) + unit.Suffix;
    }

    public static string Tokens(long value) => Count(value) + (value == 1 ? " token" : " tokens");

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", Culture) + "%";

    /// <summary>
    /// A signed change in percent (<c>+12%</c>, <c>-3.5%</c>), relative to the size of the previous amount (which can
    /// be a negative credit); null when the previous amount is zero.
    /// </summary>
    public static string? Change(decimal previous, decimal current) =>
        previous == 0 ? null : ((current - previous) / Math.Abs(previous) * 100).ToString("+0.#;-0.#;0", Culture) + "%";
}
