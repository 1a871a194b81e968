using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Teams;

/// <summary>
/// The Workflows webhook envelope and the few Adaptive Card 1.4 elements the renderers use. Every text goes through
/// <see cref="TeamsMarkdown"/> here, so no caller can forget it.
/// </summary>
internal static class TeamsCard
{
    /// <summary>The Workflows post fails at about 28 KB; 20 KB leaves room for the flow's own wrapping.</summary>
    internal const int MaxBytes = 20_000;

    internal static JsonObject Envelope(JsonArray body, string? dashboard)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (dashboard is not null)
        {
            card["actions"] = new JsonArray(OpenUrl("Open dashboard", dashboard));
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
    }

    internal static JsonObject Text(string text, TextLook look = default)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsMarkdown.Escape(text), ["wrap"] = true };
        Set(block, "weight", look.Weight);
        Set(block, "size", look.Size);
        Set(block, "color", look.Color);
        if (look.Subtle)
        {
            block["isSubtle"] = true;
        }

        Set(block, "spacing", look.Spacing);
        return block;
    }

    internal static JsonObject Facts(IEnumerable<NoticeFact> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => new JsonObject
        {
            ["title"] = TeamsMarkdown.Escape(f.Label),
            ["value"] = TeamsMarkdown.Escape(f.Value),
        })]),
    };

    /// <summary>A left-aligned title beside a right-aligned subtle note, e.g. the heading and the message time.</summary>
    internal static JsonObject Row(JsonObject left, JsonObject right) => new()
    {
        ["type"] = "ColumnSet",
        ["columns"] = new JsonArray(
            new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(left) },
            new JsonObject { ["type"] = "Column", ["width"] = "auto", ["verticalContentAlignment"] = "bottom", ["items"] = new JsonArray(right) }),
    };

    internal static JsonObject Links(string title, string url) => new()
    {
        ["type"] = "ActionSet",
        ["actions"] = new JsonArray(OpenUrl(title, url)),
    };

    private static JsonObject OpenUrl(string title, string url) => new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    private static void Set(JsonObject block, string name, string? value)
    {
        if (value is not null)
        {
            block[name] = value;
        }
    }
}

/// <summary>TextBlock presentation; null leaves the host's default.</summary>
internal readonly record struct TextLook(string? Weight = null, string? Size = null, string? Color = null, bool Subtle = false, string? Spacing = null)
{
    internal static TextLook Small => new(Size: "small", Subtle: true, Spacing: "small");
}
