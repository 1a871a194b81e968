using Microsoft.Extensions.Options;
using UsageAlerts.Notifications;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Two alerts per budget and period: one on actual spend, one on the forecast. The level is the highest threshold
/// crossed, so crossing 80 % and 100 % in one run sends one message at 100 %. A firing budget resolves only after
/// staying below for its resolve delay, so revisions and late costs within a period do not announce it twice.
/// A period that has ended is still watched on actual spend until its costs are final: a late figure fires the
/// threshold it crosses (marked "late figure"), and the period's alert closes only then. Spend estimated from usage
/// is marked "estimated".
/// </summary>
internal sealed class BudgetSource(BudgetCalculator calculator, IOptions<AlertingOptions> options) : IAlertSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        var (statuses, late) = await calculator.CalculateWithLateAsync(rules.Budgets, context, cancellationToken);
        var observations = new List<Observation>();
        foreach (var status in late)
        {
            // A closed period is not reminded of: only a threshold its late figures cross is news.
            observations.Add(Observe(status, ThresholdBasis.Actual, status.ActualLevel, status.SpentUsd, ScopeLabel(status.Rule.Scope, context),
                EvaluationContext.Route(status.Rule.Receivers, rules.DefaultReceiver), new AlertTiming(TimeSpan.MaxValue, options.Value.BudgetResolveDelay, status.FinalAt), context));
        }

        foreach (var status in statuses)
        {
            var budget = status.Rule;
            var receivers = EvaluationContext.Route(budget.Receivers, rules.DefaultReceiver);
            var repeat = budget.RepeatInterval ?? AlertTiming.DefaultRepeat;
            var scope = ScopeLabel(budget.Scope, context);
            observations.Add(Observe(status, ThresholdBasis.Actual, status.ActualLevel, status.SpentUsd, scope, receivers,
                new AlertTiming(repeat, options.Value.BudgetResolveDelay, status.FinalAt), context));
            if (budget.Thresholds.Any(t => t.On != ThresholdBasis.Actual))
            {
                observations.Add(Observe(status, ThresholdBasis.Forecast, status.ForecastLevel, status.ForecastUsd, scope, receivers,
                    new AlertTiming(repeat, options.Value.ForecastResolveDelay, status.Period.End), context));
            }
        }

        return observations;
    }

    private static Observation Observe(BudgetStatus status, ThresholdBasis basis, int level, decimal value, string scope, IReadOnlyList<string> receivers, AlertTiming timing, EvaluationContext context)
    {
        var budget = status.Rule;
        var forecast = basis == ThresholdBasis.Forecast;
        var percent = forecast ? status.ForecastPercent : status.Percent;
        var threshold = level > 0 ? budget.Thresholds[level - 1].Percent : 0;
        var label = status.Late ? " (late figure)" : status.EstimatedUsd != 0 ? " (estimated)" : "";
        var title = forecast
            ? $"Budget \"{budget.Name}\" forecast at {Display.Percent(percent)} of {Display.Usd(budget.AmountUsd)}{label}"
            : $"Budget \"{budget.Name}\" at {Display.Percent(percent)} of {Display.Usd(budget.AmountUsd)}{label}";
        var daysLeft = status.Period.DaysLeft(context.Now);
        var summary = $"{Display.Usd(status.SpentUsd)} spent of {Display.Usd(budget.AmountUsd)} in {status.Period.Key} ({daysLeft:0.#} days left); forecast {Display.Usd(status.ForecastUsd)}.";
        var facts = new List<NoticeFact>
        {
            new("Spent", $"{Display.Usd(status.SpentUsd)} ({Display.Percent(status.Percent)})"),
            new("Budget", Display.Usd(budget.AmountUsd)),
            new("Forecast", status.ForecastMeaningful ? $"{Display.Usd(status.ForecastUsd)} ({Display.Percent(status.ForecastPercent)})" : "too early in the period"),
            new("Period", $"{status.Period.Key} ({Display.Day(status.Period.Start)} to {Display.Day(status.Period.End.AddDays(-1))}, {daysLeft:0.#} days left)"),
            new("Threshold", level > 0 ? $"{Display.Percent(threshold)} on {(forecast ? "forecast" : "actual")} spend" : "none crossed"),
            new("Scope", scope),
        };
        var note = Note(status);
        var severity = forecast ? Severity.Warning : threshold >= 100 ? Severity.Critical : Severity.Warning;
        var link = context.Link("dashboard", $"from={Display.Day(status.Period.Start)}&to={Display.Day(status.Period.End)}");
        return new Observation(
            AlertId.Budget(budget, status.Period.Key, basis),
            budget.Key,
            budget.Name,
            AlertKind.Budget,
            scope,
            receivers,
            !status.Trusted ? ObservedState.Unknown : level > 0 ? ObservedState.Firing : ObservedState.Clear,
            level,
            value,
            new NoticeContent(title, summary, facts, severity, Display.Percent(threshold), note, link),
            timing);
    }

    private static string? Note(BudgetStatus status)
    {
        var notes = new List<string>();
        if (status.Late)
        {
            notes.Add($"Late figure: {status.Period.Key} has ended, and OpenAI reported this spend after it; its costs count as final at {Display.Minute(status.FinalAt)}.");
        }
        else if (status.ProvisionalUsd != 0)
        {
            notes.Add($"Includes {Display.Usd(status.ProvisionalUsd)} for today, provisional until OpenAI closes the day.");
        }

        if (status.EstimatedUsd != 0)
        {
            notes.Add($"Estimated: {Display.Usd(status.EstimatedUsd)} of it is usage × learned rates, as OpenAI's bill does not cover it yet.");
        }

        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    internal static string ScopeLabel(ScopeRule scope, EvaluationContext context)
    {
        if (scope.IsEverything)
        {
            return "whole organization";
        }

        var parts = new List<string>();
        if (scope.Projects.Count > 0)
        {
            parts.Add("projects " + string.Join(", ", scope.Projects.Select(p => context.ProjectNames.GetValueOrDefault(p, p))));
        }

        if (scope.Models.Count > 0)
        {
            parts.Add("models " + string.Join(", ", scope.Models));
        }

        if (scope.LineItems is { } pattern)
        {
            parts.Add($"line items {pattern}");
        }

        if (scope.ApiKeys.Count > 0)
        {
            parts.Add("API keys " + string.Join(", ", scope.ApiKeys));
        }

        return string.Join("; ", parts);
    }
}
