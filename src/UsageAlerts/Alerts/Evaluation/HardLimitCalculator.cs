using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// One of OpenAI's spend controls with this calendar month's spend of its scope. <see cref="Spend"/> comes from the
/// budget calculation (a monthly budget of the limit's amount over the same scope), so hard limits and the rules'
/// budgets are measured alike; its amount is zero where no limit is set.
/// </summary>
internal sealed record HardLimitStatus(SpendControlRecord Control, string Scope, BudgetStatus Spend);

/// <summary>Month-to-date spend (and run-rate and forecast) against each stored hard limit.</summary>
internal sealed class HardLimitCalculator(SpendControlReader controls, BudgetCalculator calculator)
{
    public async Task<IReadOnlyList<HardLimitStatus>> CalculateAsync(EvaluationContext context, CancellationToken cancellationToken)
    {
        var records = await controls.ReadAsync(cancellationToken);
        var budgets = records.Select(r => new BudgetRule
        {
            Name = r.ProjectId is null ? "OpenAI hard limit (organization)" : $"OpenAI hard limit ({r.ProjectId})",
            Scope = r.ProjectId is null ? new ScopeRule() : new ScopeRule { Projects = [r.ProjectId] },
            Period = BudgetPeriod.Month,
            AmountUsd = r.LimitUsd ?? 0,
        }).ToList();
        var statuses = await calculator.CalculateAsync(budgets, context, cancellationToken);
        return [.. records.Select((r, i) => new HardLimitStatus(r, r.Scope(context.ProjectNames), statuses[i]))];
    }
}
