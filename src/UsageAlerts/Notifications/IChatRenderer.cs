namespace UsageAlerts.Notifications;

/// <summary>Turns messages into the exact JSON body one kind of webhook accepts, within that channel's limits.</summary>
internal interface IChatRenderer
{
    ReceiverKind Kind { get; }

    string Render(ChatMessage message);

    string Render(DigestMessage message);
}

internal enum ReceiverKind
{
    Teams,
    Slack,
}
