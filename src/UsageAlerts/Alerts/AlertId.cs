using UsageAlerts.Rules;

namespace UsageAlerts.Alerts;

/// <summary>
/// The identity of one alert: its kind, the rule's key (id, or name when it has none) and what it watches. Every
/// identity is made here, so stored states, outbox rows and routes always agree on the spelling.
/// </summary>
internal readonly record struct AlertId(string Value)
{
    public static AlertId Budget(BudgetRule rule, string periodKey, ThresholdBasis basis) =>
        new($"budget|{rule.Key}|{periodKey}|{(basis == ThresholdBasis.Forecast ? "forecast" : "actual")}");

    /// <param name="group">A project id, "" for usage without a project, or "*" for the whole scope.</param>
    public static AlertId Spike(SpikeRule rule, string group) => new($"spike|{rule.Key}|{group}");

    public static AlertId RateLimit(RateLimitRule rule, string projectId, string model, string metric) =>
        new($"ratelimit|{rule.Key}|{projectId}|{model}|{metric}");

    /// <summary>A scope heading for (or at) its hard spend limit at OpenAI; the organization when <paramref name="projectId"/> is null.</summary>
    public static AlertId HardLimit(string? projectId) => new($"hardlimit|{projectId ?? "organization"}");

    /// <summary>Monitoring blind: one polling job's streams cannot be trusted.</summary>
    public static AlertId Blind(string job) => new($"{BlindRule.Key}|{job}");

    /// <summary>Monitoring blind: a receiver refuses our messages (dead letters), told to the other receivers.</summary>
    public static AlertId DeadLetters(string receiver) => new($"{BlindRule.Key}|delivery|{receiver}");

    public override string ToString() => Value;
}
