using System.Globalization;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.HardLimits;

/// <summary>
/// One alert per scope with a hard limit at OpenAI (<c>hardlimit|&lt;scope&gt;</c>): warning when the run-rate reaches
/// the limit within the rule's warning horizon or spend passes its percent, critical within the critical horizon,
/// critical and "now failing" once reached. It resolves, after <see cref="AlertingOptions.HardLimitResolveDelay"/>,
/// when the limit is raised or removed, the run-rate falls, or a new month starts from zero.
/// </summary>
internal sealed class HardLimitSource(SpendControlReader controls, ScopeSpendReader spend, IOptions<AlertingOptions> options) : IAlertSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        var rule = rules.HardLimits;
        if (!rule.Enabled)
        {
            return [];
        }

        var records = await controls.ReadAsync(cancellationToken);
        if (records.Count == 0)
        {
            return [];
        }

        var spent = await spend.ReadAsync(context.Now, cancellationToken);
        var trusted = context.SpendControlsTrusted;
        // With no receiver named and no default, every receiver: a cutoff is news for everyone.
        var receivers = EvaluationContext.Route(rule.Receivers, rules.DefaultReceiver) is { Count: > 0 } routed ? routed : [.. rules.Receivers.Select(r => r.Name)];
        var timing = new AlertTiming(rule.RepeatInterval ?? AlertTiming.DefaultRepeat, options.Value.HardLimitResolveDelay, null);
        var observations = new List<Observation>();
        foreach (var record in records.Where(r => r.LimitState != SpendControlState.NoPermission))
        {
            var scope = Scope(record.ProjectId, context);
            var id = AlertId.HardLimit(record.ProjectId);
            if (record.LimitUsd is not { } limit)
            {
                // Removed at OpenAI: nothing left to be cut off by.
                observations.Add(new Observation(id, HardLimitRule.Key, "Hard limits", AlertKind.HardLimit, scope.Label, receivers, ObservedState.Clear, 0, 0,
                    new NoticeContent($"{scope.Subject} has no hard limit any more", $"{scope.Subject} has no hard spend limit at OpenAI now, so nothing cuts its requests off.", [new("Scope", scope.Label)], Severity.Info, "no limit", null, null), timing));
                continue;
            }

            var forecast = CutoffForecast.For(limit, ScopeSpendReader.For(record.ProjectId, spent, context.Now), context.Now);
            var level = forecast.Level(rule);
            observations.Add(new Observation(
                id,
                HardLimitRule.Key,
                "Hard limits",
                AlertKind.HardLimit,
                scope.Label,
                receivers,
                !trusted ? ObservedState.Unknown : level == CutoffLevel.None ? ObservedState.Clear : ObservedState.Firing,
                (int)level,
                forecast.SpentUsd,
                Describe(forecast, level, record, scope, rule, context),
                timing));
        }

        return observations;
    }

    private static NoticeContent Describe(CutoffForecast forecast, CutoffLevel level, SpendControlRecord record, (string Subject, string Label, string Whose) scope, HardLimitRule rule, EvaluationContext context)
    {
        var limit = Display.Usd(forecast.LimitUsd);
        var rate = forecast.Spend.RunRateUsdPerHour;
        var reaches = forecast.ReachesAt;
        var (title, summary) = level switch
        {
            CutoffLevel.Reached => (
                $"{scope.Subject} reached its hard limit of {limit}: {scope.Whose} API requests are failing",
                $"{scope.Subject} has spent {Display.Usd(forecast.SpentUsd)} this month against its hard limit of {limit}: OpenAI now refuses {scope.Whose} API requests until the limit is raised or the month ends."),
            _ when reaches is { } at => (
                $"{scope.Subject} reaches its hard limit of {limit} {In(at - context.Now)}",
                $"{scope.Subject} reaches its hard limit of {limit} {In(at - context.Now)} ({Around(at, context.Now)}): {scope.Whose} API requests will then fail."),
            _ => (
                $"{scope.Subject} at {Display.Percent(forecast.Percent)} of its hard limit of {limit}",
                $"{scope.Subject} has spent {Display.Usd(forecast.SpentUsd)} of its hard limit of {limit} this month; at the current run-rate it is not reached before the month ends."),
        };
        if (level == CutoffLevel.None)
        {
            title = $"{scope.Subject} not heading for its hard limit of {limit}";
        }

        var facts = new List<NoticeFact>
        {
            new("Spent this month", $"{Display.Usd(forecast.SpentUsd)} ({Display.Percent(forecast.Percent)})"),
            new("Hard limit", $"{limit} ({(record.Enforcement == SpendEnforcement.Enforcing ? "enforcing" : "inactive")} at OpenAI)"),
            new("Run-rate", $"{Display.Usd(rate)} per hour (yesterday and today so far)"),
            new("Limit reached", forecast.Reached ? "already" : reaches is { } when ? Display.Minute(Round(when)) : "not before the month ends"),
            new("Month", $"{forecast.Month.Key} ({forecast.Month.DaysLeft(context.Now):0.#} days left)"),
            new("Scope", scope.Label),
        };
        var note = forecast.Spend.EstimatedUsd > 0
            ? $"Includes {Display.Usd(forecast.Spend.EstimatedUsd)} estimated from usage where OpenAI's bill lags."
            : null;
        var severity = level >= CutoffLevel.Critical ? Severity.Critical : Severity.Warning;
        var label = level switch
        {
            CutoffLevel.Reached => "limit reached",
            CutoffLevel.Critical => $"within {rule.CriticalHours.ToString("0.##", CultureInfo.InvariantCulture)} h",
            CutoffLevel.Warning => reaches is not null && (decimal)(reaches.Value - context.Now).TotalHours <= rule.WarningHours
                ? $"within {rule.WarningHours.ToString("0.##", CultureInfo.InvariantCulture)} h"
                : $"{Display.Percent(rule.WarningPercent)} of the limit",
            _ => "clear",
        };
        return new NoticeContent(title, summary, facts, severity, label, note, context.Link("budgets", ""));
    }

    private static (string Subject, string Label, string Whose) Scope(string? projectId, EvaluationContext context) =>
        projectId is null
            ? ("The organization", "whole organization", "every project's")
            : ($"Project {context.ProjectNames.GetValueOrDefault(projectId, projectId)}", context.ProjectLabel(projectId), "its");

    /// <summary>"in about 40 min", "in about 9 h", "in about 3 days": the run-rate is an estimate, so no more precision.</summary>
    internal static string In(TimeSpan span) => span.TotalMinutes < 60
        ? $"in about {Math.Max(5, (int)Math.Round(span.TotalMinutes / 5) * 5)} min"
        : span.TotalHours < 48 ? $"in about {(int)Math.Round(span.TotalHours)} h" : $"in about {(int)Math.Round(span.TotalDays)} days";

    /// <summary>"around 06:40 UTC" today, "around 2026-11-25 06:40 UTC" on another day.</summary>
    internal static string Around(DateTimeOffset at, DateTimeOffset now)
    {
        var rounded = Round(at);
        return rounded.UtcDateTime.Date == now.UtcDateTime.Date
            ? $"around {rounded.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC"
            : $"around {Display.Minute(rounded)}";
    }

    private static DateTimeOffset Round(DateTimeOffset at) =>
        new(new DateTime((long)Math.Round(at.UtcTicks / (double)TimeSpan.TicksPerMinute / 10) * 10 * TimeSpan.TicksPerMinute, DateTimeKind.Utc));
}
