using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>One kind of rule turned into observations from stored data.</summary>
internal interface IAlertSource
{
    Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken);
}
