using System.Text.Json;

namespace UsageAlerts.Pricing;

/// <summary>
/// Reads the prices file and reports every problem at once, each naming the file and the field
/// (<c>$.models['gpt-5.1'].usdPerMillionTokens.output</c>), so a bad price stops start-up instead of mispricing spend.
/// </summary>
internal static class PriceListLoader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The prices in <paramref name="path"/>; none (no errors) when there is no path or no file there.</summary>
    public static (PriceList? Prices, IReadOnlyList<string> Errors) Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return (PriceList.Empty, []);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static (PriceList? Prices, IReadOnlyList<string> Errors) Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException exception)
        {
            return (null, [$"{source}: not valid JSON (line {exception.LineNumber + 1}): {FirstSentence(exception.Message)}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var models = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
            var lineItems = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [$"{source}: $: must be an object with \"models\" and/or \"lineItems\""]);
            }

            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "$schema" or "note":
                        break;
                    case "models":
                        ReadModels(property.Value, models, errors);
                        break;
                    case "lineItems":
                        ReadLineItems(property.Value, lineItems, errors);
                        break;
                    default:
                        errors.Add($"$.{property.Name}: unknown field (expected models, lineItems, note or $schema)");
                        break;
                }
            }

            return errors.Count == 0 ? (new PriceList(models, lineItems), []) : (null, [.. errors.Select(e => $"{source}: {e}")]);
        }
    }

    private static void ReadModels(JsonElement element, Dictionary<string, IReadOnlyDictionary<string, decimal>> models, List<string> errors)
    {
        if (!IsObject(element, "$.models", errors))
        {
            return;
        }

        foreach (var model in element.EnumerateObject())
        {
            var path = $"$.models['{model.Name}']";
            if (!IsObject(model.Value, path, errors))
            {
                continue;
            }

            var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var field in model.Value.EnumerateObject())
            {
                if (field.Name != "usdPerMillionTokens")
                {
                    errors.Add($"{path}.{field.Name}: unknown field (expected usdPerMillionTokens)");
                    continue;
                }

                if (!IsObject(field.Value, $"{path}.usdPerMillionTokens", errors))
                {
                    continue;
                }

                foreach (var price in field.Value.EnumerateObject())
                {
                    var pricePath = $"{path}.usdPerMillionTokens.{price.Name}";
                    var type = price.Name.StartsWith("batch ", StringComparison.Ordinal) ? price.Name["batch ".Length..] : price.Name;
                    if (!PriceList.TokenTypes.Contains(type))
                    {
                        errors.Add($"{pricePath}: unknown token type (expected {string.Join(", ", PriceList.TokenTypes)}, each optionally prefixed \"batch \")");
                    }
                    else if (Price(price.Value, pricePath, errors) is { } usd)
                    {
                        prices[price.Name] = usd;
                    }
                }
            }

            if (prices.Count == 0 && !errors.Any(e => e.StartsWith(path + ".", StringComparison.Ordinal)))
            {
                errors.Add($"{path}: prices nothing (give usdPerMillionTokens with at least one token type)");
            }

            models[model.Name] = prices;
        }
    }

    private static void ReadLineItems(JsonElement element, Dictionary<string, decimal> lineItems, List<string> errors)
    {
        if (!IsObject(element, "$.lineItems", errors))
        {
            return;
        }

        foreach (var item in element.EnumerateObject())
        {
            var path = $"$.lineItems['{item.Name}']";
            if (!IsObject(item.Value, path, errors))
            {
                continue;
            }

            var found = false;
            foreach (var field in item.Value.EnumerateObject())
            {
                if (field.Name != "usdPerUnit")
                {
                    errors.Add($"{path}.{field.Name}: unknown field (expected usdPerUnit)");
                }
                else if (Price(field.Value, $"{path}.usdPerUnit", errors) is { } usd)
                {
                    lineItems[item.Name] = usd;
                    found = true;
                }
                else
                {
                    found = true;
                }
            }

            if (!found)
            {
                errors.Add($"{path}.usdPerUnit: missing");
            }
        }
    }

    private static bool IsObject(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        errors.Add($"{path}: must be an object (got {element.ValueKind.ToString().ToLowerInvariant()})");
        return false;
    }

    private static decimal? Price(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var usd) && usd >= 0)
        {
            return usd;
        }

        errors.Add($"{path}: must be a number of USD, 0 or more (got {element.GetRawText()})");
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
