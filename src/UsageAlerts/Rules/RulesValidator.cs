using System.Text.RegularExpressions;
using UsageAlerts.Configuration;

namespace UsageAlerts.Rules;

/// <summary>
/// Checks a rules document; every problem is reported as <c>section[index] "name": field problem (got value)</c>, so
/// an operator can find the rule and the field at once.
/// </summary>
internal static partial class RulesValidator
{
    private const decimal MaxAmountUsd = 100_000_000m;
    private const decimal MaxBudgetPercent = 1000m;
    private const decimal MaxHorizonHours = 744m;

    public static IReadOnlyList<string> Validate(RulesDocument rules)
    {
        var errors = new List<string>();
        var receivers = ValidateReceivers(rules, errors);
        if (rules.DefaultReceiver is { } fallback && !receivers.Contains(fallback))
        {
            errors.Add($"defaultReceiver: unknown receiver (got '{fallback}')");
        }

        void CheckRouting(string where, List<string> names)
        {
            foreach (var unknown in names.Where(n => !receivers.Contains(n)))
            {
                errors.Add($"{where}: receivers names an unknown receiver (got '{unknown}')");
            }

            if (names.Count == 0 && rules.DefaultReceiver is null)
            {
                errors.Add($"{where}: receivers is empty and there is no defaultReceiver");
            }
        }

        UniqueIds(rules.Budgets, "budgets", errors);
        Unique(rules.Budgets.Select(b => b.Name), "budgets", errors);
        for (var i = 0; i < rules.Budgets.Count; i++)
        {
            var budget = rules.Budgets[i];
            var where = $"budgets[{i}] \"{budget.Name}\"";
            Name(where, budget.Name, errors);
            Id(where, budget, errors);
            if (budget.AmountUsd <= 0 || budget.AmountUsd > MaxAmountUsd)
            {
                errors.Add($"{where}: amountUsd must be more than 0 and at most {MaxAmountUsd} (got {budget.AmountUsd})");
            }

            if (budget.Thresholds.Count == 0)
            {
                errors.Add($"{where}: thresholds must list at least one threshold");
            }

            Ascending(where, "thresholds", [.. budget.Thresholds.Select(t => t.Percent)], MaxBudgetPercent, errors);
            Scope(where, budget.Scope, errors);
            Repeat(where, budget.RepeatInterval, errors);
            CheckRouting(where, budget.Receivers);
            Enforce(where, budget, errors);
        }

        foreach (var shared in rules.Budgets.Where(b => b.Enforce is not null).GroupBy(b => EnforcedScope(b.Scope), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"budgets: {string.Join(" and ", shared.Select(b => $"\"{b.Name}\""))} both set enforce on the hard limit of {shared.Key}; only one budget may enforce a scope");
        }

        UniqueIds(rules.Spikes, "spikes", errors);
        Unique(rules.Spikes.Select(s => s.Name), "spikes", errors);
        for (var i = 0; i < rules.Spikes.Count; i++)
        {
            var spike = rules.Spikes[i];
            var where = $"spikes[{i}] \"{spike.Name}\"";
            Name(where, spike.Name, errors);
            Id(where, spike, errors);
            if (spike.Granularity == SpikeGranularity.Hour && spike.Metric == SpikeMetric.Cost)
            {
                errors.Add($"{where}: granularity hour needs metric tokens or requests (costs are daily only)");
            }

            if (spike.BaselineBuckets is < 3 or > 90)
            {
                errors.Add($"{where}: baselineBuckets must be 3 to 90 (got {spike.BaselineBuckets})");
            }

            if (spike.Factor <= 1m || spike.Factor > 100m)
            {
                errors.Add($"{where}: factor must be more than 1 and at most 100 (got {spike.Factor})");
            }

            if (spike.Minimum < 0)
            {
                errors.Add($"{where}: minimum must not be negative (got {spike.Minimum})");
            }

            Scope(where, spike.Scope, errors);
            Repeat(where, spike.RepeatInterval, errors);
            CheckRouting(where, spike.Receivers);
        }

        UniqueIds(rules.RateLimits, "rateLimits", errors);
        Unique(rules.RateLimits.Select(r => r.Name), "rateLimits", errors);
        for (var i = 0; i < rules.RateLimits.Count; i++)
        {
            var rule = rules.RateLimits[i];
            var where = $"rateLimits[{i}] \"{rule.Name}\"";
            Name(where, rule.Name, errors);
            Id(where, rule, errors);
            if (rule.Thresholds.Count == 0)
            {
                errors.Add($"{where}: thresholds must list at least one percentage");
            }

            Ascending(where, "thresholds", rule.Thresholds, 100m, errors);
            if (rule.WindowMinutes is < 1 or > 1440)
            {
                errors.Add($"{where}: windowMinutes must be 1 to 1440 (got {rule.WindowMinutes})");
            }

            if (rule.ResolveAfterMinutes is < 0 or > 1440)
            {
                errors.Add($"{where}: resolveAfterMinutes must be 0 to 1440 (got {rule.ResolveAfterMinutes})");
            }

            if (rule.Scope.LineItems is not null || rule.Scope.ApiKeys.Count > 0)
            {
                errors.Add($"{where}: scope may name projects and models only (rate limits are per project and model)");
            }

            Repeat(where, rule.RepeatInterval, errors);
            CheckRouting(where, rule.Receivers);
        }

        if (rules.Blind is { } blind)
        {
            if (blind.FailuresBeforeAlert is < 1 or > 100)
            {
                errors.Add($"blind: failuresBeforeAlert must be 1 to 100 (got {blind.FailuresBeforeAlert})");
            }

            Repeat("blind", blind.RepeatInterval, errors);
            CheckRouting("blind", blind.Receivers);
        }

        HardLimits(rules.HardLimits, receivers, errors);

        for (var i = 0; i < rules.Silences.Count; i++)
        {
            var silence = rules.Silences[i];
            var where = $"silences[{i}]";
            if (silence.EndsAt <= silence.StartsAt)
            {
                errors.Add($"{where}: endsAt must be after startsAt (got {silence.StartsAt:O} to {silence.EndsAt:O})");
            }

            if (silence.Rule is null && silence.Scope is null)
            {
                errors.Add($"{where}: set rule, scope or both; a silence that matches everything would hide every alert");
            }
        }

        Unique(rules.Digests.Select(d => d.Name), "digests", errors);
        for (var i = 0; i < rules.Digests.Count; i++)
        {
            var digest = rules.Digests[i];
            var where = $"digests[{i}] \"{digest.Name}\"";
            Name(where, digest.Name, errors);
            if (!CronSchedule.TryParse(digest.Schedule, out _, out var cronError))
            {
                errors.Add($"{where}: schedule {cronError}");
            }

            CheckRouting(where, digest.Receivers);
        }

        return errors;
    }

    /// <summary>
    /// The hard-limit rule works without a section; its receivers, when named, must exist. With none it uses the
    /// default receiver, or every receiver.
    /// </summary>
    private static void HardLimits(HardLimitRule? rule, HashSet<string> receivers, List<string> errors)
    {
        if (rule is null)
        {
            errors.Add("hardLimits: must be an object (leave the section out for the defaults)");
            return;
        }

        if (rule.WarningHours <= 0 || rule.WarningHours > MaxHorizonHours)
        {
            errors.Add($"hardLimits: warningHours must be more than 0 and at most {MaxHorizonHours} (got {rule.WarningHours})");
        }

        if (rule.CriticalHours <= 0 || rule.CriticalHours > rule.WarningHours)
        {
            errors.Add($"hardLimits: criticalHours must be more than 0 and at most warningHours ({rule.WarningHours}) (got {rule.CriticalHours})");
        }

        if (rule.WarningPercent <= 0 || rule.WarningPercent > 100)
        {
            errors.Add($"hardLimits: warningPercent must be more than 0 and at most 100 (got {rule.WarningPercent})");
        }

        foreach (var unknown in rule.Receivers.Where(n => !receivers.Contains(n)))
        {
            errors.Add($"hardLimits: receivers names an unknown receiver (got '{unknown}')");
        }

        Repeat("hardLimits", rule.RepeatInterval, errors);
    }

    /// <summary>OpenAI's hard limits are monthly and per project or organization, so only such a budget can be one.</summary>
    private static void Enforce(string where, BudgetRule budget, List<string> errors)
    {
        if (budget.Enforce is null)
        {
            return;
        }

        if (budget.Period != BudgetPeriod.Month)
        {
            errors.Add($"{where}: enforce needs period month, as OpenAI's hard limits are monthly (got {budget.Period.ToString().ToLowerInvariant()})");
        }

        var scope = budget.Scope;
        if (scope.Projects.Count > 1 || scope.Models.Count > 0 || scope.LineItems is not null || scope.ApiKeys.Count > 0)
        {
            errors.Add($"{where}: enforce needs a scope of exactly one project or the whole organization (no models, lineItems or apiKeys), as OpenAI's hard limits are set per project or organization");
        }

        if (budget.AmountUsd != decimal.Round(budget.AmountUsd, 2))
        {
            errors.Add($"{where}: enforce needs amountUsd in whole cents, as OpenAI's hard limits are (got {budget.AmountUsd})");
        }
    }

    internal static string EnforcedScope(ScopeRule scope) => scope.Projects.Count == 0 ? "the organization" : $"project {scope.Projects[0]}";

    private static HashSet<string> ValidateReceivers(RulesDocument rules, List<string> errors)
    {
        Unique(rules.Receivers.Select(r => r.Name), "receivers", errors);
        for (var i = 0; i < rules.Receivers.Count; i++)
        {
            var receiver = rules.Receivers[i];
            var where = $"receivers[{i}] \"{receiver.Name}\"";
            Name(where, receiver.Name, errors);
            if (receiver.Name.Contains(';', StringComparison.Ordinal))
            {
                errors.Add($"{where}: name must not contain ';'");
            }

            if (!SecretName().IsMatch(receiver.Secret))
            {
                errors.Add($"{where}: secret must be a secret name of 1-127 letters, digits or dashes, not a URL (got '{(receiver.Secret.Contains("://", StringComparison.Ordinal) ? "a URL" : receiver.Secret)}')");
            }
        }

        return rules.Receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static void Name(string where, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors.Add($"{where}: name must be 1-100 characters");
        }
    }

    private static void Id(string where, IIdentifiedRule rule, List<string> errors)
    {
        if (rule.Id is { } id && !RuleId().IsMatch(id))
        {
            errors.Add($"{where}: id must be 1-64 letters, digits, dots, dashes or underscores (got '{id}')");
        }
    }

    /// <summary>Alerts are keyed by the rule's id (its name when it has none), so two rules of a section must not share one.</summary>
    private static void UniqueIds(IEnumerable<IIdentifiedRule> rules, string section, List<string> errors)
    {
        foreach (var duplicate in rules.Where(r => r.Id is not null).GroupBy(r => r.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{section}: id '{duplicate.Key}' is used more than once");
        }

        var ids = rules.Where(r => r.Id is not null).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var clash in rules.Where(r => r.Id is null && ids.Contains(r.Name)))
        {
            errors.Add($"{section}: name '{clash.Name}' is another rule's id; give this rule an id of its own");
        }
    }

    private static void Unique(IEnumerable<string> names, string section, List<string> errors)
    {
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{section}: name '{duplicate.Key}' is used more than once");
        }
    }

    private static void Ascending(string where, string field, List<decimal> values, decimal max, List<string> errors)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] <= 0 || values[i] > max)
            {
                errors.Add($"{where}: {field}[{i}] must be more than 0 and at most {max} (got {values[i]})");
            }

            if (i > 0 && values[i] <= values[i - 1])
            {
                errors.Add($"{where}: {field} must be in ascending order ({values[i - 1]} then {values[i]})");
            }
        }
    }

    private static void Scope(string where, ScopeRule scope, List<string> errors)
    {
        if (scope.LineItems is { } pattern && (pattern.Length == 0 || pattern.Length > 200))
        {
            errors.Add($"{where}: scope.lineItems must be a pattern of 1-200 characters");
        }
    }

    private static void Repeat(string where, TimeSpan? repeat, List<string> errors)
    {
        if (repeat is { } r && (r < TimeSpan.FromMinutes(5) || r > TimeSpan.FromDays(31)))
        {
            errors.Add($"{where}: repeatInterval must be 00:05:00 to 31.00:00:00 (got {r})");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RuleId();

    [GeneratedRegex("^[A-Za-z0-9-]{1,127}$")]
    private static partial Regex SecretName();
}
