using System.Text;

namespace UsageAlerts.Notifications.Teams;

/// <summary>
/// Teams parses a Markdown subset in TextBlock text and in fact titles and values (bold, italic, lists, links;
/// HTML is not rendered). Data such as a project named "*[prod](https://evil)*" must show as typed, not as a link
/// or emphasis, so the characters that open those constructs are backslash-escaped. Layout (bold titles, colours)
/// comes from element properties, never from Markdown, so nothing here needs to stay unescaped.
/// </summary>
internal static class TeamsMarkdown
{
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text, i))
            {
                builder.Append('\\');
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string text, int i) => text[i] switch
    {
        '\\' or '*' or '[' or ']' => true,

        // An underscore between letters or digits cannot start or end emphasis, so identifiers such as
        // invalid_api_key stay as they are on clients that would show the backslash.
        '_' => !(IsWordChar(text, i - 1) && IsWordChar(text, i + 1)),

        // "- x" and "+ x" at the start would become a bulleted list, "12. x" a numbered one.
        '-' or '+' => i == 0 && FollowedBySpace(text, i),
        '.' => i > 0 && FollowedBySpace(text, i) && !text.AsSpan(0, i).ContainsAnyExceptInRange('0', '9'),
        _ => false,
    };

    private static bool FollowedBySpace(string text, int i) => i + 1 < text.Length && text[i + 1] == ' ';

    private static bool IsWordChar(string text, int i) => i >= 0 && i < text.Length && char.IsLetterOrDigit(text[i]);
}
