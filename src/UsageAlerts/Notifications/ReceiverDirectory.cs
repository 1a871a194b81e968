using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration.Secrets;
using UsageAlerts.Rules;

namespace UsageAlerts.Notifications;

/// <summary>A receiver ready to send to, or the reason it cannot be used (missing secret, URL refused by policy).</summary>
internal sealed record ResolvedReceiver(string Name, ReceiverKind Kind, Uri? Url, string? Fingerprint, string? Problem);

/// <summary>
/// Looks up each receiver's webhook URL by its secret name, checks it against the webhook URL policy, and never lets
/// the URL out: problems name the secret, and the fingerprint is a short hash.
/// </summary>
internal sealed class ReceiverDirectory(RulesProvider rules, ISecretStore secrets, IOptions<NotificationOptions> options)
{
    public async Task<IReadOnlyList<ResolvedReceiver>> ResolveAllAsync(CancellationToken cancellationToken)
    {
        var resolved = new List<ResolvedReceiver>();
        foreach (var receiver in rules.Current.Receivers)
        {
            resolved.Add(await ResolveAsync(receiver, cancellationToken));
        }

        return resolved;
    }

    private async Task<ResolvedReceiver> ResolveAsync(ReceiverRule receiver, CancellationToken cancellationToken)
    {
        var kind = receiver.Type == ReceiverType.Teams ? ReceiverKind.Teams : ReceiverKind.Slack;
        string? url;
        try
        {
            url = await secrets.GetAsync(receiver.Secret, cancellationToken);
        }
        catch (Azure.RequestFailedException exception)
        {
            return new(receiver.Name, kind, null, null, $"secret '{receiver.Secret}' could not be read (HTTP {exception.Status})");
        }

        if (url is null)
        {
            return new(receiver.Name, kind, null, null, $"secret '{receiver.Secret}' is not set");
        }

        if (WebhookUrlPolicy.Check(url, receiver.Type, options.Value.AllowLoopbackWebhooks) is { } problem)
        {
            return new(receiver.Name, kind, null, null, $"the webhook URL in secret '{receiver.Secret}' {problem}");
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url)), 0, 6).ToLowerInvariant();
        return new(receiver.Name, kind, new Uri(url), fingerprint, null);
    }
}
