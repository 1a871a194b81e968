namespace UsageAlerts.Simulator;

/// <summary>A message a chat webhook accepted: channel "teams" or "slack", the webhook name, and the raw body.</summary>
public sealed record SinkMessage(string Channel, string Name, DateTimeOffset ReceivedAt, string Body);

/// <summary>Records the messages the simulated Teams and Slack webhooks accepted, in arrival order.</summary>
public sealed class WebhookSink
{
    private readonly Lock _gate = new();
    private readonly List<SinkMessage> _messages = [];

    public IReadOnlyList<SinkMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    internal void Record(SinkMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }
    }
}
