using System.Net;
using System.Text;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>
/// Teams and Slack webhooks in a handler: records every message they accept (Teams 202, Slack 200 "ok") and answers a
/// channel's posts with a refusal while one is set. Tests take what arrived since they last looked and state exactly
/// which channels got a message: an extra message and a missing one both fail.
/// </summary>
internal sealed class WebhookStub : HttpMessageHandler
{
    public const string TeamsUrl = "https://prod-01.westeurope.logic.azure.com/workflows/0a1b/triggers/manual/paths/invoke?sig=stub";
    public const string SlackUrl = "https://hooks.slack.com/services/T0000/B0000/stubstubstub";

    private readonly object _gate = new();
    private readonly List<Post> _accepted = [];
    private readonly Dictionary<string, (HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> _refusals = new(StringComparer.Ordinal);
    private int _taken;

    /// <summary>One accepted message.</summary>
    internal sealed record Post(string Channel, string Body);

    public int Refused { get; private set; }

    public void Refuse(string channel, HttpStatusCode status, string body = "", TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _refusals[channel] = (status, body, retryAfter);
        }
    }

    public void Heal(string channel)
    {
        lock (_gate)
        {
            _refusals.Remove(channel);
        }
    }

    /// <summary>The messages accepted since the last call, checked against the channels expected (order-free, with repeats).</summary>
    public List<Post> Expect(params string[] channels)
    {
        List<Post> fresh;
        lock (_gate)
        {
            fresh = _accepted.Skip(_taken).ToList();
            _taken = _accepted.Count;
        }

        Assert.True(
            channels.Order(StringComparer.Ordinal).SequenceEqual(fresh.Select(p => p.Channel).Order(StringComparer.Ordinal)),
            $"expected messages to [{string.Join(", ", channels)}] but got [{string.Join(", ", fresh.Select(p => p.Channel))}]:\n{string.Join("\n---\n", fresh.Select(p => p.Body))}");
        return fresh;
    }

    public List<Post> All(string channel)
    {
        lock (_gate)
        {
            return [.. _accepted.Where(p => p.Channel == channel)];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var channel = request.RequestUri!.Host == "hooks.slack.com" ? "slack" : "teams";
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        lock (_gate)
        {
            if (_refusals.TryGetValue(channel, out var refusal))
            {
                Refused++;
                var response = new HttpResponseMessage(refusal.Status) { Content = new StringContent(refusal.Body, Encoding.UTF8, "text/plain") };
                if (refusal.RetryAfter is { } wait)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
                }

                return response;
            }

            _accepted.Add(new Post(channel, body));
        }

        return channel == "slack"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok", Encoding.UTF8, "text/plain") }
            : new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("") };
    }
}
