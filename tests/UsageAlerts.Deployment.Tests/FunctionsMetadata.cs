using System.Reflection;
using System.Text.Json;

namespace UsageAlerts.Deployment.Tests;

/// <summary>One function as the Functions SDK described it in functions.metadata, what the host indexes.</summary>
internal sealed record FunctionEntry(string Name, string Type, string? Schedule, string? Route, string? AuthLevel, IReadOnlyList<string> Methods);

internal static class FunctionsMetadata
{
    public static string Path { get; } = typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsMetadata").Value!;

    /// <summary>Every function with its trigger binding, from the build output of src/UsageAlerts.Functions.</summary>
    public static IReadOnlyList<FunctionEntry> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return new FunctionEntry(
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                Text(trigger, "schedule"),
                Text(trigger, "route"),
                Text(trigger, "authLevel"),
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!).ToList() : []);
        }).ToList();
    }

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
