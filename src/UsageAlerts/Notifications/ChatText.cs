using System.Text;

namespace UsageAlerts.Notifications;

/// <summary>Text hygiene shared by the renderers: data arrives from OpenAI and operators, so it may be anything.</summary>
internal static class ChatText
{
    internal const string Ellipsis = "…";

    /// <summary>
    /// One line of safe text: control characters (newlines included) become spaces because both channels would
    /// otherwise turn them into layout, and lone surrogates become U+FFFD because they cannot be encoded as UTF-8.
    /// </summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Cleans, then cuts to at most <paramref name="max"/> characters ending in "…", never inside a surrogate pair.</summary>
    internal static string Truncate(string? text, int max)
    {
        var clean = Clean(text);
        if (clean.Length <= max)
        {
            return clean;
        }

        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(clean[cut - 1]))
        {
            cut--;
        }

        return string.Concat(clean.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }

    internal static string Count(int count, string singular) => count == 1 ? $"1 {singular}" : $"{count} {singular}s";

    internal static string AndMore(int hidden) => $"{Ellipsis}and {hidden} more";
}
