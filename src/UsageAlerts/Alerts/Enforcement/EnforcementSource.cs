using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>
/// Runs budget enforcement inside the evaluation, under its lease, so two evaluations never change a limit or report
/// it at once. Its news are one-off reports it enqueues itself; it observes no alert.
/// </summary>
internal sealed class EnforcementSource(BudgetEnforcer enforcer) : IAlertSource
{
    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        await enforcer.EnforceAsync(rules, context, cancellationToken);
        return [];
    }
}
