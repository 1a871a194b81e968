using System.Net;

namespace UsageAlerts.Summaries.Charts;

/// <summary>Encoding for text from data (project names can hold <c>&lt;</c>, <c>"</c>, <c>&amp;</c>), in elements and quoted attributes alike.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>At most <paramref name="length"/> characters for a label; the full text goes in a tooltip.</summary>
    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
