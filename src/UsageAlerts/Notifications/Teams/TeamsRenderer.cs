using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Teams;

/// <summary>
/// Adaptive Card 1.4 in the Workflows webhook envelope. Teams accepts the post and only later fails a bad card inside
/// the flow, invisible to us, so every output is kept within 1.4 and under <see cref="TeamsCard.MaxBytes"/> here.
/// </summary>
internal sealed class TeamsRenderer : IChatRenderer
{
    public ReceiverKind Kind => ReceiverKind.Teams;

    public RenderedChat Render(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dashboard = ChatFormat.WebLink(message.DashboardLink);
        var shown = Fit(message, dashboard);
        var body = Compose(message, shown, dashboard);
        while (ChatJson.ByteCount(body) >= TeamsCard.MaxBytes && shown > 0)
        {
            body = Compose(message, --shown, dashboard);
        }

        return new RenderedChat(ChatJson.Serialize(body), shown);
    }

    public string Render(DigestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var dashboard = ChatFormat.WebLink(message.DashboardLink);

        // Fewer items per list until it fits; at one item per list any digest does.
        foreach (var items in (int[])[ChatLimits.DigestItems, 5, 3])
        {
            var body = TeamsCard.Envelope(TeamsDigest.Body(message, items), dashboard);
            if (ChatJson.ByteCount(body) < TeamsCard.MaxBytes)
            {
                return ChatJson.Serialize(body);
            }
        }

        return ChatJson.Serialize(TeamsCard.Envelope(TeamsDigest.Body(message, 1), dashboard));
    }

    /// <summary>
    /// How many notices fit, most severe first. Array elements serialize independently, so the card's size is the
    /// frame (heading, footer with the largest possible N, actions) plus each container and a comma.
    /// </summary>
    private static int Fit(ChatMessage message, string? dashboard)
    {
        var count = message.Notices.Count;
        if (ChatJson.ByteCount(Compose(message, count, dashboard)) < TeamsCard.MaxBytes)
        {
            return count;
        }

        var size = ChatJson.ByteCount(Compose(message, 0, dashboard));
        var shown = 0;
        while (shown < count)
        {
            size += ChatJson.ByteCount(TeamsNotice.Container(message.Notices[shown])) + 1;
            if (size >= TeamsCard.MaxBytes)
            {
                break;
            }

            shown++;
        }

        return shown;
    }

    private static JsonObject Compose(ChatMessage message, int shown, string? dashboard)
    {
        var body = new JsonArray(TeamsNotice.Heading(message));
        foreach (var notice in message.Notices.Take(shown))
        {
            body.Add(TeamsNotice.Container(notice));
        }

        if (shown < message.Notices.Count)
        {
            body.Add(TeamsNotice.Footer(message.Notices.Count - shown, dashboard is not null));
        }

        return TeamsCard.Envelope(body, dashboard);
    }
}
