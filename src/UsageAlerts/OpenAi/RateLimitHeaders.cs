using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageAlerts.OpenAi;

/// <summary>
/// The <c>x-ratelimit-*</c> headers OpenAI sends on ordinary API calls. Reset values are Go durations
/// (<c>12ms</c>, <c>6m0s</c>, <c>23h47m36.648s</c>).
/// </summary>
public sealed partial record RateLimitHeaders(
    long? LimitRequests,
    long? RemainingRequests,
    TimeSpan? ResetRequests,
    long? LimitTokens,
    long? RemainingTokens,
    TimeSpan? ResetTokens)
{
    public static RateLimitHeaders From(HttpResponseMessage response) => new(
        Long(response, "x-ratelimit-limit-requests"),
        Long(response, "x-ratelimit-remaining-requests"),
        Duration(response, "x-ratelimit-reset-requests"),
        Long(response, "x-ratelimit-limit-tokens"),
        Long(response, "x-ratelimit-remaining-tokens"),
        Duration(response, "x-ratelimit-reset-tokens"));

    /// <summary>Parses a Go duration; null when the text is not one.</summary>
    public static TimeSpan? ParseGoDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var matches = GoDurationPart().Matches(text);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Length)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += match.Groups["unit"].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return total;
    }

    private static long? Long(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static TimeSpan? Duration(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? ParseGoDuration(values.FirstOrDefault()) : null;

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|us|µs|ns|h|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
