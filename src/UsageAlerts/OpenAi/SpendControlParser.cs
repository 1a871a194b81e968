using System.Globalization;
using System.Text.Json;

namespace UsageAlerts.OpenAi;

/// <summary>
/// Reads spend limits and spend alerts. Amounts are integer cents in upper-case <c>USD</c> over a <c>month</c>;
/// anything else cannot be compared with USD budgets per calendar month, so it is refused naming the field.
/// </summary>
internal static class SpendControlParser
{
    public const string Currency = "USD";
    public const string Interval = "month";

    public static SpendLimit ParseLimit(JsonElement root, string endpoint)
    {
        RequireObject(root, endpoint, "the spend limit");
        var threshold = ReadTerms(root, endpoint);
        if (!root.TryGetProperty("enforcement", out var enforcement) || enforcement.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(endpoint, "field 'enforcement' is missing or not an object");
        }

        var status = enforcement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var parsed = status switch
        {
            "inactive" => SpendEnforcement.Inactive,
            "enforcing" => SpendEnforcement.Enforcing,
            _ => throw Malformed(endpoint, $"field 'enforcement.status' is '{Clip(status ?? "missing")}', not inactive or enforcing"),
        };
        return new SpendLimit(threshold, parsed);
    }

    public static SpendAlert ParseAlert(JsonElement item, string endpoint)
    {
        RequireObject(item, endpoint, "a spend alert");
        var id = item.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() is { Length: > 0 } text
            ? text
            : throw Malformed(endpoint, "a spend alert has no string 'id'");
        var threshold = ReadTerms(item, endpoint);
        var recipients = item.TryGetProperty("notification_channel", out var channel) && channel.ValueKind == JsonValueKind.Object
            && channel.TryGetProperty("recipients", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.GetArrayLength()
                : 0;
        return new SpendAlert(id, threshold, recipients);
    }

    /// <summary>Whole cents as OpenAI wants them; a fraction of a cent or less than one cent is our mistake.</summary>
    public static long ToCents(decimal usd, string parameter)
    {
        var cents = usd * 100m;
        if (cents != decimal.Truncate(cents) || cents < 1 || cents > long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(parameter, usd, $"{parameter} must be a whole number of cents of at least $0.01 (was {usd.ToString(CultureInfo.InvariantCulture)}).");
        }

        return (long)cents;
    }

    private static decimal ReadTerms(JsonElement element, string endpoint)
    {
        var currency = element.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (!string.Equals(currency, Currency, StringComparison.Ordinal))
        {
            throw Malformed(endpoint, $"field 'currency' is '{Clip(currency ?? "missing")}'; only USD can be compared with USD budgets");
        }

        var interval = element.TryGetProperty("interval", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (!string.Equals(interval, Interval, StringComparison.Ordinal))
        {
            throw Malformed(endpoint, $"field 'interval' is '{Clip(interval ?? "missing")}'; only month is understood");
        }

        if (!element.TryGetProperty("threshold_amount", out var amount) || amount.ValueKind != JsonValueKind.Number || !amount.TryGetInt64(out var cents) || cents < 0)
        {
            throw Malformed(endpoint, "field 'threshold_amount' is not a whole, non-negative number of cents");
        }

        return cents / 100m;
    }

    private static void RequireObject(JsonElement element, string endpoint, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(endpoint, $"{what} is not an object");
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static OpenAiApiException Malformed(string endpoint, string detail) =>
        new(OpenAiErrorKind.Protocol, endpoint, $"malformed response: {detail}");
}
