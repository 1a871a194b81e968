namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// Just enough C# lexing to read sources as text: comments blanked out (so commented-out code never counts),
/// brackets matched and argument lists split while skipping string and character literals.
/// </summary>
internal static class CSharpText
{
    /// <summary>The text with every comment replaced by spaces; line breaks and offsets stay where they were.</summary>
    public static string StripComments(string text)
    {
        var result = text.ToCharArray();
        var i = 0;
        while (i < text.Length)
        {
            if (At(text, i, "//"))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    result[i++] = ' ';
                }
            }
            else if (At(text, i, "/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                for (; i < end; i++)
                {
                    result[i] = text[i] == '\n' ? '\n' : ' ';
                }
            }
            else
            {
                i = SkipLiteral(text, i);
            }
        }

        return new string(result);
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, or -1.</summary>
    public static int MatchingClose(string text, int open)
    {
        var depth = 0;
        var i = open;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i;
            }

            i = SkipLiteral(text, i);
        }

        return -1;
    }

    /// <summary>The index of the next <paramref name="target"/> outside brackets and literals, or -1.</summary>
    public static int NextTopLevel(string text, int start, char target)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (depth == 0 && c == target)
            {
                return i;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }

            i = SkipLiteral(text, i);
        }

        return -1;
    }

    /// <summary>Splits an argument list at its top-level commas; each part trimmed.</summary>
    public static List<string> SplitArguments(string arguments)
    {
        var parts = new List<string>();
        var start = 0;
        while (start <= arguments.Length)
        {
            var comma = NextTopLevel(arguments, start, ',');
            var end = comma < 0 ? arguments.Length : comma;
            var part = arguments[start..end].Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            start = end + 1;
        }

        return parts;
    }

    public static int LineAt(string text, int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;

    /// <summary>A plain <c>"..."</c> literal's content, or null when the expression is anything else.</summary>
    public static string? StringLiteral(string expression) =>
        expression.Length >= 2 && expression[0] == '"' && expression[^1] == '"' && !expression[1..^1].Contains('"', StringComparison.Ordinal)
            ? expression[1..^1]
            : null;

    /// <summary>The index after the literal starting at <paramref name="i"/>, or <c>i + 1</c> when none starts there.</summary>
    private static int SkipLiteral(string text, int i)
    {
        if (At(text, i, "\"\"\""))
        {
            var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + 3;
        }

        var verbatim = At(text, i, "@\"") || At(text, i, "$@\"") || At(text, i, "@$\"");
        if (verbatim || text[i] is '"' or '\'' || At(text, i, "$\""))
        {
            var quoteAt = text.IndexOf(text[i] == '\'' ? '\'' : '"', i);
            var quote = text[quoteAt];
            var j = quoteAt + 1;
            while (j < text.Length)
            {
                if (!verbatim && text[j] == '\\')
                {
                    j += 2;
                }
                else if (text[j] == quote)
                {
                    if (verbatim && j + 1 < text.Length && text[j + 1] == quote)
                    {
                        j += 2;
                        continue;
                    }

                    return j + 1;
                }
                else if (text[j] == '\n' && !verbatim)
                {
                    return j;
                }
                else
                {
                    j++;
                }
            }

            return text.Length;
        }

        return i + 1;
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;
}
