using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Slack;

/// <summary>Block Kit limits and the few blocks the renderers use. Texts passed in are already escaped and fitted.</summary>
internal static class SlackBlocks
{
    internal const int MaxBlocks = 50;
    internal const int MaxSectionText = 3000;
    internal const int MaxFields = 10;
    internal const int MaxFieldText = 2000;
    internal const int MaxHeader = 150;
    internal const int MaxContextElements = 10;
    internal const int MaxFallback = 3000;

    /// <summary>
    /// Slack advises keeping a message's text well under about 12,000 characters; the budget keeps 2,000 in hand
    /// and counts the fallback too.
    /// </summary>
    internal const int MaxTotalText = 10_000;

    /// <summary>Slack rejects button URLs longer than this.</summary>
    internal const int MaxUrl = 3000;

    internal static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true },
    };

    internal static JsonObject Section(string text, IEnumerable<string>? fields = null, JsonObject? accessory = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(text) };
        if (fields?.ToList() is { Count: > 0 } list)
        {
            section["fields"] = new JsonArray([.. list.Select(Mrkdwn)]);
        }

        if (accessory is not null)
        {
            section["accessory"] = accessory;
        }

        return section;
    }

    internal static JsonObject Context(IEnumerable<string> texts) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray([.. texts.Select(Mrkdwn)]),
    };

    internal static JsonObject Divider() => new() { ["type"] = "divider" };

    internal static JsonObject Actions(JsonObject button) => new() { ["type"] = "actions", ["elements"] = new JsonArray(button) };

    /// <summary>A link button, or null when there is no web link Slack would accept.</summary>
    internal static JsonObject? Button(string text, Uri? link) => ChatFormat.WebLink(link) is { Length: <= MaxUrl } url
        ? new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
            ["url"] = url,
        }
        : null;

    /// <summary>The characters Slack counts: every "text" string in the blocks.</summary>
    internal static int TextLength(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Sum(p => p.Key == "text" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : TextLength(p.Value)),
        JsonArray array => array.Sum(TextLength),
        _ => 0,
    };

    /// <summary>verbatim keeps Slack from turning data such as "#general" or bare URLs into links; our own &lt;…&gt; markup still works.</summary>
    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true };
}
