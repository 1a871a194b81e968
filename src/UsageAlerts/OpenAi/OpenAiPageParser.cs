using System.Collections.Immutable;
using System.Text.Json;

namespace UsageAlerts.OpenAi;

/// <summary>
/// Reads admin API pages leniently (unknown fields ignored, optional ones optional) but rejects a broken envelope,
/// bucket or result, naming the endpoint and the field. Usage and costs pages are read bucket by bucket (see
/// <see cref="BucketPageReader{T}"/>): a break stops the read there, and only whole buckets before it are used.
/// </summary>
internal static class OpenAiPageParser
{
    public static (IReadOnlyList<JsonElement> Items, bool HasMore, string? LastId) ParseList(JsonElement root, string endpoint)
    {
        var data = RequireArray(root, endpoint);
        var items = data.EnumerateArray().ToList();
        var lastId = root.TryGetProperty("last_id", out var last) && last.ValueKind == JsonValueKind.String ? last.GetString() : null;
        lastId ??= items.Count > 0 && items[^1].TryGetProperty("id", out var id) ? id.GetString() : null;
        return (items, RequireHasMore(root, endpoint), lastId);
    }

    public static Project ParseProject(JsonElement item, string endpoint) => new(
        RequireString(item, "id", endpoint),
        OptionalString(item, "name") ?? RequireString(item, "id", endpoint),
        OptionalString(item, "status") ?? "active",
        OptionalTime(item, "created_at"),
        OptionalTime(item, "archived_at"));

    public static ProjectRateLimit ParseRateLimit(JsonElement item, string endpoint) => new(
        RequireString(item, "id", endpoint),
        RequireString(item, "model", endpoint),
        OptionalLong(item, "max_requests_per_1_minute"),
        OptionalLong(item, "max_tokens_per_1_minute"),
        OptionalLong(item, "max_images_per_1_minute"),
        OptionalDecimal(item, "max_audio_megabytes_per_1_minute"),
        OptionalLong(item, "max_requests_per_1_day"),
        OptionalLong(item, "batch_1_day_max_input_tokens"));

    /// <summary>One bucket of a usage or costs page; results that carry nothing to store are skipped and counted.</summary>
    public static Bucket<T> ParseBucket<T>(JsonElement bucket, string endpoint, Func<JsonElement, T?> parseResult)
        where T : class
    {
        var start = RequireTime(bucket, "start_time", endpoint);
        var end = RequireTime(bucket, "end_time", endpoint);
        if (end <= start)
        {
            throw Malformed(endpoint, $"bucket end_time {end:O} is not after start_time {start:O}");
        }

        if (!bucket.TryGetProperty("results", out var raw) || raw.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(endpoint, "a bucket has no 'results' array");
        }

        var results = new List<T>(raw.GetArrayLength());
        var skipped = 0;
        HashSet<string>? organizations = null;
        foreach (var item in raw.EnumerateArray())
        {
            if (parseResult(item) is { } parsed)
            {
                results.Add(parsed);
            }
            else
            {
                skipped++;
            }

            if (OptionalString(item, "organization_id") is { } organization)
            {
                (organizations ??= new HashSet<string>(StringComparer.Ordinal)).Add(organization);
            }
        }

        return new Bucket<T>(start, end, results)
        {
            SkippedResults = skipped,
            OrganizationIds = organizations ?? (IReadOnlySet<string>)ImmutableHashSet<string>.Empty,
        };
    }

    public static UsageResult ParseUsageResult(JsonElement result, string endpoint)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(endpoint, "a result is not an object");
        }

        var kind = UsageKind.FromResultObject(OptionalString(result, "object"))?.Name
            ?? throw Malformed(endpoint, $"a result's 'object' is '{Clip(OptionalString(result, "object") ?? "missing")}', not a known 'organization.usage.<kind>.result'");
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var property in result.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var value))
            {
                metrics[property.Name] = value;
            }
        }

        var dimensions = new UsageDimensions(
            OptionalString(result, "project_id"),
            OptionalString(result, "model"),
            OptionalString(result, "api_key_id"),
            OptionalString(result, "user_id"),
            result.TryGetProperty("batch", out var batch) && batch.ValueKind is JsonValueKind.True or JsonValueKind.False ? (batch.GetBoolean() ? "true" : "false") : null,
            OptionalString(result, "service_tier"),
            OptionalString(result, "size"),
            OptionalString(result, "context_level"));
        return new UsageResult(kind, dimensions, metrics);
    }

    /// <summary>
    /// Only <c>object</c> is required by the schema: a result without an amount carries nothing to add and is
    /// skipped (and counted by the caller), never fatal to the page. An amount in another currency cannot be added
    /// to USD totals, so it refuses the page.
    /// </summary>
    public static CostResult? ParseCostResult(JsonElement result, string endpoint)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(endpoint, "a costs result is not an object");
        }

        if (!result.TryGetProperty("amount", out var amount) || amount.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (amount.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(endpoint, "field 'amount' is not an object");
        }

        var value = OptionalNumber(amount, "value", endpoint, "amount.value");
        if (value is null)
        {
            return null;
        }

        var currency = OptionalString(amount, "currency") ?? "usd";
        if (!string.Equals(currency, "usd", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(endpoint, $"field 'amount.currency' is '{Clip(currency)}'; only usd can be added to USD totals");
        }

        return new CostResult(
            value.Value,
            "usd",
            OptionalString(result, "line_item"),
            OptionalString(result, "project_id"),
            OptionalString(result, "api_key_id"),
            OptionalNumber(result, "quantity", endpoint, "quantity"),
            OptionalString(result, "quantity_unit"),
            OptionalString(result, "organization_id"));
    }

    /// <summary>
    /// A decimal sent as a JSON number or, as the live costs API has done, as a string (<c>"12.50"</c>,
    /// <c>"0E-6176"</c>). Both are read from their text, never through double. Anything that is not a finite
    /// number within decimal's range names the field.
    /// </summary>
    private static decimal? OptionalNumber(JsonElement element, string name, string endpoint, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw Malformed(endpoint, $"field '{path}' is {value.ValueKind}, not a number"),
        };
        return DecimalText.TryParse(text, out var number)
            ? number
            : throw Malformed(endpoint, $"field '{path}' is '{Clip(text)}', not a finite decimal number");
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static JsonElement RequireArray(JsonElement root, string endpoint) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data
            : throw Malformed(endpoint, "the page has no 'data' array");

    private static bool RequireHasMore(JsonElement root, string endpoint) =>
        root.TryGetProperty("has_more", out var hasMore) && hasMore.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? hasMore.GetBoolean()
            : throw Malformed(endpoint, "the page has no boolean 'has_more'");

    private static DateTimeOffset RequireTime(JsonElement element, string name, string endpoint) =>
        OptionalTime(element, name) ?? throw Malformed(endpoint, $"a bucket has no integer '{name}'");

    private static string RequireString(JsonElement element, string name, string endpoint) =>
        OptionalString(element, name) ?? throw Malformed(endpoint, $"an item has no string '{name}'");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? OptionalTime(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static long? OptionalLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static decimal? OptionalDecimal(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;

    public static OpenAiApiException Malformed(string endpoint, string detail) =>
        new(OpenAiErrorKind.Protocol, endpoint, $"malformed response: {detail}");
}
