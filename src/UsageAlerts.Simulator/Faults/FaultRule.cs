namespace UsageAlerts.Simulator;

/// <summary>
/// A fault for the calls of one route (or all routes): every matching call, or the calls numbered
/// <see cref="OnCall"/> to <see cref="OnCall"/> + <see cref="Times"/> − 1 among the calls this rule matches.
/// A rule matches only routes its kind makes sense for (page faults: usage and costs; sink faults: sinks).
/// </summary>
public sealed class FaultRule
{
    /// <summary>
    /// "usage/completions", "costs", "projects", "rate_limits", "spend_limit", "project_spend_limit", "spend_alerts",
    /// "project_spend_alerts", "sink/teams", "sink/slack"; null for any.
    /// </summary>
    public string? Route { get; set; }

    public FaultKind Kind { get; set; }

    /// <summary>The first affected matching call, 1-based; null affects every matching call.</summary>
    public int? OnCall { get; set; }

    /// <summary>How many consecutive matching calls from <see cref="OnCall"/> are affected.</summary>
    public int Times { get; set; } = 1;

    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Wall-clock delay before the answer; the whole point of <see cref="FaultKind.Slow"/>.</summary>
    public int DelayMs { get; set; }

    internal void Validate()
    {
        if (OnCall is < 1 || Times < 1 || RetryAfterSeconds < 0 || DelayMs < 0 || !Enum.IsDefined(Kind))
        {
            throw new ArgumentException(
                $"Invalid fault rule: OnCall must be at least 1 (was {OnCall}), Times at least 1 (was {Times}), " +
                $"RetryAfterSeconds and DelayMs not negative (were {RetryAfterSeconds}, {DelayMs}), Kind known (was {Kind}).");
        }
    }

    internal bool AppliesTo(string route) =>
        (Route is null || Route == route) && Kind switch
        {
            FaultKind.RateLimited or FaultKind.ServerError or FaultKind.ServiceUnavailable or FaultKind.Slow => true,
            FaultKind.SinkNotFound or FaultKind.SinkGone => SimRoutes.IsSink(route),
            // Webhooks refuse callers too: a Workflows flow that needs sign-in, a Slack app whose token was revoked.
            FaultKind.Unauthorized or FaultKind.Forbidden => true,
            FaultKind.MissingData or FaultKind.RepeatedCursor or FaultKind.HasMoreWithoutCursor or FaultKind.EmptyPageHasMore => SimRoutes.IsPaged(route),
            _ => !SimRoutes.IsSink(route),
        };
}
