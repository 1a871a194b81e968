using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UsageAlerts.Storage;

/// <summary>
/// Turns values from OpenAI (which may hold anything) into key segments Table Storage accepts: the forbidden
/// <c>/ \ # ?</c>, control characters and our separators are percent-escaped; null has its own token; very long
/// values keep a readable head plus a hash so keys stay under the size limit and unique.
/// </summary>
internal static class KeyEncoder
{
    public const char Separator = '|';
    public const string NullToken = "~";
    private const int MaxSegmentLength = 160;

    public static string Segment(string? value)
    {
        if (value is null)
        {
            return NullToken;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or Separator or '~' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length == 0)
        {
            builder.Append("%00");
        }

        return builder.Length <= MaxSegmentLength ? builder.ToString() : Shorten(builder.ToString());
    }

    public static string Join(params string?[] values) => string.Join(Separator, values.Select(Segment));

    private static string Shorten(string encoded)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)), 0, 12);
        var head = encoded[..(MaxSegmentLength - 26)];
        // Never cut an escape sequence in half.
        var cut = head.LastIndexOf('%');
        if (cut >= head.Length - 2)
        {
            head = head[..cut];
        }

        return $"{head}~h{hash}";
    }
}
