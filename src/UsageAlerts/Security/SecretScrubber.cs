using System.Text.RegularExpressions;

namespace UsageAlerts.Security;

/// <summary>
/// Removes anything shaped like a key or a URL from text that came from outside (API error messages), before it is
/// logged, stored or shown: OpenAI echoes part of a rejected key, and webhook URLs carry their own credential.
/// </summary>
internal static partial class SecretScrubber
{
    public static string Scrub(string text) =>
        UrlPattern().Replace(KeyPattern().Replace(text, "sk-…(redacted)"), match => $"{match.Groups["scheme"].Value}://{match.Groups["host"].Value}/…(redacted)");

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-\*\.]{4,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"(?<scheme>https?)://(?<host>[^/\s?#]+)[^\s""']*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
