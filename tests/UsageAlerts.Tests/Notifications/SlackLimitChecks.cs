using System.Text.Json.Nodes;

namespace UsageAlerts.Tests.Notifications;

/// <summary>
/// Every Block Kit limit from shared/docs/chat-webhooks.md, counted independently of the renderer: Slack answers
/// invalid_blocks for a message over any of them.
/// </summary>
internal static class SlackLimitChecks
{
    internal static JsonArray AssertWithinLimits(string body)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        var fallback = (string?)root["text"];
        Assert.False(string.IsNullOrWhiteSpace(fallback), "the text fallback is always sent");
        Assert.InRange(fallback!.Length, 1, 3000);
        var blocks = root["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        var total = fallback.Length;
        foreach (var block in blocks.Select(b => b!.AsObject()))
        {
            var type = (string)block["type"]!;
            switch (type)
            {
                case "header":
                    Assert.Equal("plain_text", (string?)block["text"]!["type"]);
                    total += Text(block["text"], 150);
                    break;
                case "section":
                    total += Text(block["text"], 3000);
                    var fields = block["fields"]?.AsArray() ?? [];
                    Assert.InRange(fields.Count, 0, 10);
                    total += fields.Sum(f => Text(f, 2000));
                    total += block["accessory"] is { } accessory ? Button(accessory) : 0;
                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, 10);
                    total += elements.Sum(e => Text(e, 3000));
                    break;
                case "actions":
                    total += block["elements"]!.AsArray().Sum(e => Button(e!));
                    break;
                default:
                    Assert.Equal("divider", type);
                    break;
            }
        }

        Assert.True(total <= 12_000, $"total text is {total} characters");
        AssertEscaped(root);
        return blocks;
    }

    /// <summary>Every string Slack reads as text: no raw &lt; or &gt;, and every &amp; starts one of the three entities.</summary>
    private static void AssertEscaped(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "text" && value is JsonValue v)
                    {
                        var text = v.GetValue<string>();
                        Assert.DoesNotContain('<', text);
                        Assert.DoesNotContain('>', text);
                        Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", text);
                    }
                    else
                    {
                        AssertEscaped(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    AssertEscaped(item);
                }

                break;
        }
    }

    private static int Button(JsonNode button)
    {
        Assert.Equal("button", (string?)button["type"]);
        Assert.InRange(((string)button["url"]!).Length, 1, 3000);
        return Text(button["text"], 75);
    }

    private static int Text(JsonNode? textObject, int max)
    {
        var text = (string)textObject!["text"]!;
        Assert.InRange(text.Length, 1, max);
        return text.Length;
    }
}
