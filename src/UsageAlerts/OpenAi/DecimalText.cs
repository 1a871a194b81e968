using System.Globalization;

namespace UsageAlerts.OpenAi;

/// <summary>
/// Reads a decimal from the text OpenAI sent, as a JSON number or a string: exponents allowed (<c>"0E-6176"</c> is
/// zero), rounded to decimal's 28 digits when longer, refused when not finite or out of decimal's range.
/// </summary>
internal static class DecimalText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static bool TryParse(string text, out decimal value)
    {
        if (!decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // "0E-6176" parses to zero at scale 28; dropping trailing zeros keeps stored text and sums readable.
        value /= 1.0000000000000000000000000000m;
        return true;
    }
}
