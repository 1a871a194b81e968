using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Notifications;

/// <summary>
/// Golden files under tests/UsageAlerts.Tests/Notifications/Golden, read from the source tree so that updating and
/// checking use the same files. They hold the rendered body indented for review; exact bytes (compact, no BOM,
/// unescaped non-ASCII) are asserted separately. After an intended change, regenerate and review the diff:
///   UPDATE_GOLDEN=1 dotnet test tests/UsageAlerts.Tests --filter Notifications
/// </summary>
internal static class GoldenFiles
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string Directory => Path.Combine(RepoPaths.Root, "tests", "UsageAlerts.Tests", "Notifications", "Golden");

    internal static void AssertMatches(string name, string rendered)
    {
        var path = Path.Combine(Directory, name);
        var actual = Indent(rendered);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    private static string Indent(string json)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Indented))
        {
            JsonNode.Parse(json)!.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
