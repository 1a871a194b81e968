using System.Globalization;
using System.Net;
using UsageAlerts.Rules;

namespace UsageAlerts.Notifications;

/// <summary>
/// Which webhook URLs we post to: https on the default port, a host under the channel's own domains, no IP
/// literal, no user info. A look-alike such as <c>hooks.slack.com.example.org</c> fails because hosts are matched
/// whole or by a dot-separated suffix. Errors name the problem, never the URL (it carries a credential).
/// </summary>
internal static class WebhookUrlPolicy
{
    private static readonly string[] SlackHosts = ["hooks.slack.com"];

    // Workflows webhooks (current), and the retired Office 365 connectors for setups not yet migrated.
    private static readonly string[] TeamsSuffixes = ["logic.azure.com", "environment.api.powerplatform.com", "webhook.office.com"];

    public static string? Check(string url, ReceiverType type, bool allowLoopback)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "is not an absolute URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not contain user info";
        }

        if (allowLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "must use https";
        }

        if (!uri.IsDefaultPort)
        {
            return "must use the default https port";
        }

        var host = Normalize(uri.Host);
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || IPAddress.TryParse(host, out _))
        {
            return "must name a host, not an IP address";
        }

        var allowed = type == ReceiverType.Slack
            ? SlackHosts.Contains(host, StringComparer.Ordinal)
            : TeamsSuffixes.Any(suffix => host.EndsWith("." + suffix, StringComparison.Ordinal));
        return allowed ? null : $"host '{host}' is not a {type} webhook host";
    }

    private static string Normalize(string host)
    {
        var ascii = new IdnMapping().GetAscii(host.TrimEnd('.'));
        return ascii.ToLowerInvariant();
    }
}
