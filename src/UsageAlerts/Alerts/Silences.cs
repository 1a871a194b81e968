using UsageAlerts.Rules;

namespace UsageAlerts.Alerts;

/// <summary>Whether an active silence covers an alert: by rule name or id, by text in its scope or alert id, or both.</summary>
internal static class Silences
{
    public static bool Covers(IEnumerable<SilenceRule> silences, Observation observation, DateTimeOffset now) =>
        silences.Any(s => s.StartsAt <= now && now < s.EndsAt
            && (s.Rule is null || string.Equals(s.Rule, observation.Rule, StringComparison.Ordinal) || string.Equals(s.Rule, observation.RuleKey, StringComparison.Ordinal))
            && (s.Scope is null
                || observation.Scope.Contains(s.Scope, StringComparison.OrdinalIgnoreCase)
                || observation.AlertId.Value.Contains(s.Scope, StringComparison.OrdinalIgnoreCase)));
}
