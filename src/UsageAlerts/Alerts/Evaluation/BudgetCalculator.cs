using Microsoft.Extensions.Options;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Spend per budget scope and period from stored daily costs, with the estimate from usage where the bill still lags
/// (<see cref="Pricing.SpendReader"/>). Today's bucket is still growing and costs lag, so
/// it counts as provisional; the run-rate uses complete days only. Serves both alerting and <c>/api/budgets</c>.
/// </summary>
internal sealed class BudgetCalculator(Pricing.SpendReader spend, IOptions<RulesOptions> options)
{
    private static readonly TimeSpan CostsMaxAge = TimeSpan.FromHours(6);

    public async Task<IReadOnlyList<BudgetStatus>> CalculateAsync(IReadOnlyList<BudgetRule> budgets, EvaluationContext context, CancellationToken cancellationToken)
    {
        if (budgets.Count == 0)
        {
            return [];
        }

        var now = context.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var runRateDays = options.Value.ForecastRunRateDays;
        var periods = budgets.Select(b => PeriodWindow.Containing(now, b.Period)).ToList();
        var from = periods.Min(p => p.Start) < today.AddDays(-runRateDays) ? periods.Min(p => p.Start) : today.AddDays(-runRateDays);
        var matchers = budgets.Select(b => new ScopeMatcher(b.Scope, context.ProjectNames)).ToList();
        var spent = new decimal[budgets.Count];
        var provisional = new decimal[budgets.Count];
        var recent = new decimal[budgets.Count];
        await foreach (var row in spend.ReadAsync(from, today.AddDays(1), cancellationToken))
        {
            for (var i = 0; i < budgets.Count; i++)
            {
                if (!matchers[i].MatchesCost(row.ProjectId, row.LineItem, row.ApiKeyId))
                {
                    continue;
                }

                var day = Storage.Periods.Midnight(row.Day);
                if (day >= periods[i].Start && day < periods[i].End)
                {
                    spent[i] += row.AmountUsd;
                    provisional[i] += day >= today ? row.AmountUsd : 0;
                }

                recent[i] += day < today && day >= today.AddDays(-runRateDays) ? row.AmountUsd : 0;
            }
        }

        var trusted = context.IsTrusted(EvaluationContext.CostsStream, CostsMaxAge);
        return [.. budgets.Select((budget, i) =>
        {
            var runRate = recent[i] / runRateDays;
            var forecast = spent[i] + (runRate * (decimal)periods[i].DaysLeft(now));
            var meaningful = periods[i].Elapsed(now) >= options.Value.MinimumForecastShare;
            return new BudgetStatus(budget, periods[i], spent[i], provisional[i], runRate, forecast, meaningful,
                Level(budget, spent[i], ThresholdBasis.Actual), meaningful ? Level(budget, forecast, ThresholdBasis.Forecast) : 0, trusted);
        })];
    }

    /// <summary>How many of the thresholds that apply to this basis the amount has reached.</summary>
    private static int Level(BudgetRule budget, decimal amount, ThresholdBasis basis)
    {
        var level = 0;
        for (var i = 0; i < budget.Thresholds.Count; i++)
        {
            var threshold = budget.Thresholds[i];
            if ((threshold.On == basis || threshold.On == ThresholdBasis.Both) && amount >= budget.AmountUsd * threshold.Percent / 100m)
            {
                level = i + 1;
            }
        }

        return level;
    }
}
