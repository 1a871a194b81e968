using System.Text.Json;
using System.Text.RegularExpressions;

namespace UsageAlerts.Deployment.Tests;

/// <summary>Small helpers for reading a compiled ARM template (language version 1 or 2).</summary>
internal static partial class Arm
{
    /// <summary>Every resource in the template and its nested (module) deployments, with the template declaring it.</summary>
    public static IEnumerable<(JsonElement Resource, JsonElement Template)> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            yield return (resource, template);
            if (Type(resource) == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Resources(resource.GetProperty("properties").GetProperty("template")))
                {
                    yield return nested;
                }
            }
        }
    }

    public static List<(JsonElement Resource, JsonElement Template)> OfType(JsonElement template, string type) =>
        Resources(template).Where(r => string.Equals(Type(r.Resource), type, StringComparison.OrdinalIgnoreCase)).ToList();

    public static JsonElement Single(JsonElement template, string type)
    {
        var found = OfType(template, type);
        Assert.True(found.Count == 1, $"Expected one {type}, found {found.Count}.");
        return found[0].Resource;
    }

    public static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();

    /// <summary>Follows a dotted path of property names, ignoring case as ARM does.</summary>
    public static JsonElement? Get(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var match = element.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count != 1)
            {
                return null;
            }

            element = match[0].Value;
        }

        return element;
    }

    public static string Text(JsonElement element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"No string at '{path}' in {element}.");

    public static bool? Bool(JsonElement element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>
    /// The literal GUIDs an expression stands for, following <c>variables('x')</c>, <c>variables('x').y</c> and
    /// <c>variables('x')[copyIndex()]</c> (every element) through the declaring template's variables.
    /// </summary>
    public static IEnumerable<string> Guids(string expression, JsonElement template)
    {
        foreach (Match guid in GuidPattern().Matches(expression))
        {
            yield return guid.Value;
        }

        foreach (Match reference in VariablePattern().Matches(expression))
        {
            var value = template.GetProperty("variables").GetProperty(reference.Groups["name"].Value);
            if (reference.Groups["property"].Success)
            {
                value = value.GetProperty(reference.Groups["property"].Value);
            }

            var strings = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            foreach (var item in strings.Where(s => s.ValueKind == JsonValueKind.String))
            {
                foreach (var nested in Guids(item.GetString()!, template))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The value of a main-template variable, following plain <c>[variables('x')]</c> aliases.</summary>
    public static JsonElement Variable(JsonElement template, string name)
    {
        var value = template.GetProperty("variables").GetProperty(name);
        while (value.ValueKind == JsonValueKind.String && AliasPattern().Match(value.GetString()!) is { Success: true } alias)
        {
            value = template.GetProperty("variables").GetProperty(alias.Groups["name"].Value);
        }

        return value;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)(?:\.(?<property>\w+)|\[copyIndex\(\)\])?")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex AliasPattern();
}
