using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Notifications;

/// <summary>
/// What a Teams Workflows webhook body must satisfy; Teams accepts any post and fails bad cards silently later.
/// TeamsCardRendererTests put every card through Microsoft's renderer too; the 1.4 schema stays here because the
/// renderer quietly replaces a value of the wrong type (<c>"wrap": "yes"</c>) with the default.
/// </summary>
internal static class TeamsCardChecks
{
    internal static readonly HashSet<string> AllowedTypes = ["AdaptiveCard", "TextBlock", "FactSet", "ColumnSet", "Column", "Container", "ActionSet", "Action.OpenUrl"];

    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "UsageAlerts.Tests", "Specs", "adaptive-card-1.4.schema.json"))));

    /// <summary>Checks the envelope, size, 1.4 schema and element set, and returns the card's body.</summary>
    internal static async Task<JsonArray> AssertValidAsync(string body)
    {
        Assert.True(Encoding.UTF8.GetByteCount(body) < 20_000, $"Teams body is {Encoding.UTF8.GetByteCount(body)} bytes");
        var root = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("message", (string?)root["type"]);
        var attachment = Assert.Single(root["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        Assert.True(attachment.ContainsKey("contentUrl") && attachment["contentUrl"] is null);
        var card = attachment["content"]!.AsObject();
        Assert.Equal("1.4", (string?)card["version"]);
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("""{"width":"Full"}""", card["msteams"]!.ToJsonString());

        // msteams is a Teams host extension; the 1.4 schema forbids unknown card properties, so it is checked above
        // and removed before validating everything else against the schema.
        var standard = card.DeepClone().AsObject();
        standard.Remove("msteams");
        var errors = (await Schema.Value).Validate(standard.ToJsonString());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));

        foreach (var type in Types(card))
        {
            Assert.Contains(type, AllowedTypes);
        }

        return card["body"]!.AsArray();
    }

    internal static async Task<int> SchemaErrorCountAsync(string cardJson) => (await Schema.Value).Validate(cardJson).Count;

    /// <summary>Every "type" in the card, at any depth: elements, actions, columns.</summary>
    internal static IEnumerable<string> Types(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "type" && p.Value is JsonValue v ? [v.GetValue<string>()] : Types(p.Value)),
        JsonArray array => array.SelectMany(Types),
        _ => [],
    };

    /// <summary>All TextBlock texts, in order, for assertions on what readers see.</summary>
    internal static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "TextBlock" => [(string)obj["text"]!],
        JsonObject obj => obj.SelectMany(p => Texts(p.Value)),
        JsonArray array => array.SelectMany(Texts),
        _ => [],
    };
}
