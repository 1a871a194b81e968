using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageAlerts.Rules;

/// <summary>Reads and checks the rules file; returns every problem at once, each naming its rule and field.</summary>
internal static class RulesLoader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static (RulesDocument? Rules, IReadOnlyList<string> Errors) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (null, [$"Rules:Path: the rules file '{path}' does not exist"]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static (RulesDocument? Rules, IReadOnlyList<string> Errors) Parse(string json, string source)
    {
        RulesDocument? rules;
        try
        {
            rules = JsonSerializer.Deserialize<RulesDocument>(json, Options);
        }
        catch (JsonException exception)
        {
            // The path ($.budgets[0].amountUsd) is what an operator needs; the rest of the message is noise.
            return (null, [$"{source}: {exception.Path ?? "$"}: {FirstSentence(exception.Message)}"]);
        }

        if (rules is null)
        {
            return (null, [$"{source}: the file is empty or null"]);
        }

        var errors = RulesValidator.Validate(rules);
        return errors.Count == 0 ? (rules, []) : (null, [.. errors.Select(e => $"{source}: {e}")]);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
