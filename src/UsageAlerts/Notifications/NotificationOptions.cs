using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Notifications;

/// <summary>Section <c>Notifications</c>: how the outbox delivers to chat webhooks.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Slack and Teams take about one message per second per webhook.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A longer Retry-After is not waited out in the run; the message stays pending for a later run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 10)]
    public int MaxAttemptsPerRun { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Only for local runs and tests: lets http://127.0.0.1 (the simulator's webhook sink) through.</summary>
    public bool AllowLoopbackWebhooks { get; set; }
}

/// <summary>Section <c>Dashboard</c>: the public address links in messages point to.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    public Uri? PublicBaseUrl { get; set; }
}
