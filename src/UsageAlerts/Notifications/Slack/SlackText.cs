using System.Text;

namespace UsageAlerts.Notifications.Slack;

/// <summary>
/// Slack treats &amp;, &lt; and &gt; as control characters in every text object (links, mentions such as
/// &lt;!channel&gt;), so data always has them entity-escaped. Slack's limits count the text as sent, so lengths here
/// are measured after escaping. Emphasis markers (* _ ~ `) have no escape in mrkdwn; in data they can at worst
/// change emphasis, never create a link or a mention.
/// </summary>
internal static class SlackText
{
    /// <summary>Cleans and escapes <paramref name="raw"/>, cutting it so the escaped text is at most <paramref name="max"/> characters.</summary>
    internal static string Fit(string? raw, int max)
    {
        var clean = ChatText.Clean(raw);
        var builder = new StringBuilder(Math.Min(clean.Length, max) + 8);
        for (var i = 0; i < clean.Length; i += Width(clean, i))
        {
            var piece = Piece(clean, i);
            var last = i + Width(clean, i) == clean.Length;

            // Room for the ellipsis is kept unless this piece ends the text.
            if (builder.Length + piece.Length > (last ? max : max - ChatText.Ellipsis.Length))
            {
                return builder.ToString().TrimEnd() + ChatText.Ellipsis;
            }

            builder.Append(piece);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Joins already-escaped lines while they fit in <paramref name="max"/> characters; when some do not, the last
    /// line says how many were left out. <paramref name="total"/> counts items that were never turned into lines.
    /// </summary>
    internal static string Lines(IReadOnlyList<string> lines, int total, int max)
    {
        var builder = new StringBuilder();
        var shown = 0;
        var reserve = ChatText.AndMore(total).Length + 1;
        foreach (var line in lines)
        {
            var room = shown + 1 == total ? max : max - reserve;
            if (builder.Length + line.Length + (shown > 0 ? 1 : 0) > room)
            {
                break;
            }

            builder.Append(shown > 0 ? "\n" : "").Append(line);
            shown++;
        }

        if (shown < total)
        {
            builder.Append(shown > 0 ? "\n" : "").Append(ChatText.AndMore(total - shown));
        }

        return builder.ToString();
    }

    private static int Width(string text, int i) => char.IsHighSurrogate(text[i]) ? 2 : 1;

    private static string Piece(string text, int i) => text[i] switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        _ when char.IsHighSurrogate(text[i]) => text.Substring(i, 2),
        _ => text[i].ToString(),
    };
}
