using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Slack;

/// <summary>
/// Block Kit for an incoming webhook, with the text fallback Slack shows in notifications and to screen readers.
/// Slack answers 400 invalid_blocks for a message over any limit, so the whole message is fitted here.
/// </summary>
internal sealed class SlackRenderer : IChatRenderer
{
    public ReceiverKind Kind => ReceiverKind.Slack;

    public RenderedChat Render(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notices = message.Notices;
        var title = $"{ChatText.Count(notices.Count, "alert")} · {ChatText.Truncate(message.Organization, ChatLimits.Organization)}";
        var fallback = SlackText.Lines([SlackText.Fit(title, 200), .. notices.Select(SlackNotice.FallbackLine)], notices.Count + 1, SlackBlocks.MaxFallback);

        var head = new List<JsonObject>
        {
            SlackBlocks.Header(SlackText.Fit(title, SlackBlocks.MaxHeader)),
            SlackBlocks.Context([$"{ChatFormat.Mix(notices)} · {ChatFormat.Utc(message.At)}"]),
        };
        var tail = new List<JsonObject>();
        if (SlackBlocks.Button("Open dashboard", message.DashboardLink) is { } button)
        {
            tail.Add(SlackBlocks.Actions(button));
        }

        // Budget the frame with the footer a cut would add (largest N), then take notices while both limits hold.
        var blocks = head.Count + tail.Count + 1;
        var text = fallback.Length + head.Sum(SlackBlocks.TextLength) + tail.Sum(SlackBlocks.TextLength) + SlackBlocks.TextLength(Footer(notices.Count));
        var body = new List<JsonObject>(head);
        var shown = 0;
        foreach (var notice in notices)
        {
            var part = SlackNotice.Blocks(notice);
            blocks += part.Count;
            text += part.Sum(SlackBlocks.TextLength);
            if (blocks > SlackBlocks.MaxBlocks || text > SlackBlocks.MaxTotalText)
            {
                break;
            }

            body.AddRange(part);
            shown++;
        }

        if (shown < notices.Count)
        {
            body.Add(Footer(notices.Count - shown));
        }

        return new RenderedChat(Message(fallback, [.. body, .. tail]), shown);
    }

    public string Render(DigestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Message(SlackDigest.Fallback(message), SlackDigest.Blocks(message));
    }

    private static JsonObject Footer(int hidden) => SlackBlocks.Section($"*{ChatText.AndMore(hidden)}* (the dashboard lists every alert)");

    private static string Message(string fallback, IEnumerable<JsonObject> blocks) =>
        ChatJson.Serialize(new JsonObject { ["text"] = fallback, ["blocks"] = new JsonArray([.. blocks]) });
}
