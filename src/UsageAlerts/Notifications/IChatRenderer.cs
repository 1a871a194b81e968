namespace UsageAlerts.Notifications;

/// <summary>Turns messages into the exact JSON body one kind of webhook accepts, within that channel's limits.</summary>
internal interface IChatRenderer
{
    ReceiverKind Kind { get; }

    /// <summary>The body, and how many of the message's notices (from the first) it shows; the rest are cut.</summary>
    RenderedChat Render(ChatMessage message);

    string Render(DigestMessage message);
}

/// <summary>A rendered alert message: only the first <see cref="Shown"/> notices are visible in it.</summary>
internal sealed record RenderedChat(string Body, int Shown);

internal enum ReceiverKind
{
    Teams,
    Slack,
}
