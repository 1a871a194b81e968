using Microsoft.Extensions.Options;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Spend per budget scope and period from stored daily costs, with the estimate from usage where the bill still lags
/// (<see cref="SpendReader"/>). Today's bucket is still growing and costs lag, so it counts as provisional; the
/// run-rate uses complete days only. A period stays open for evaluation until its costs are final
/// (<see cref="PricingOptions.CostsFinalAfter"/> after it ends): <see cref="CalculateWithLateAsync"/> gives those
/// periods' late figures. Serves both alerting and <c>/api/budgets</c>.
/// </summary>
internal sealed class BudgetCalculator(SpendReader spend, IOptions<RulesOptions> options, IOptions<PricingOptions> pricing)
{
    public async Task<IReadOnlyList<BudgetStatus>> CalculateAsync(IReadOnlyList<BudgetRule> budgets, EvaluationContext context, CancellationToken cancellationToken) =>
        (await CalculateAsync(budgets, context, withLate: false, cancellationToken)).Current;

    /// <summary>
    /// The current periods and, as <c>Late</c>, the budgets whose previous period ended less than
    /// <see cref="PricingOptions.CostsFinalAfter"/> ago, with that period's spend as known now: spend OpenAI reports
    /// after a period ends still counts against it (no forecast: the period is over). One read of spend for both.
    /// </summary>
    public Task<(IReadOnlyList<BudgetStatus> Current, IReadOnlyList<BudgetStatus> Late)> CalculateWithLateAsync(IReadOnlyList<BudgetRule> budgets, EvaluationContext context, CancellationToken cancellationToken) =>
        CalculateAsync(budgets, context, withLate: true, cancellationToken);

    private async Task<(IReadOnlyList<BudgetStatus> Current, IReadOnlyList<BudgetStatus> Late)> CalculateAsync(
        IReadOnlyList<BudgetRule> budgets, EvaluationContext context, bool withLate, CancellationToken cancellationToken)
    {
        if (budgets.Count == 0)
        {
            return ([], []);
        }

        var now = context.Now;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var runRateDays = options.Value.ForecastRunRateDays;
        var periods = budgets.Select(b => PeriodWindow.Containing(now, b.Period)).ToList();
        var late = withLate
            ? budgets.Select((b, i) => (Rule: b, Period: PeriodWindow.Containing(periods[i].Start.AddTicks(-1), b.Period)))
                .Where(b => now < b.Period.End + pricing.Value.CostsFinalAfter)
                .ToList()
            : [];
        var sums = await SumAsync([.. budgets, .. late.Select(l => l.Rule)], [.. periods, .. late.Select(l => l.Period)], context, today.AddDays(-runRateDays), today.AddDays(1), today, cancellationToken);
        var trusted = context.CostsTrusted;
        IReadOnlyList<BudgetStatus> current = [.. budgets.Select((budget, i) =>
        {
            var runRate = sums[i].Recent / runRateDays;
            var forecast = sums[i].Spent + (runRate * (decimal)periods[i].DaysLeft(now));
            var meaningful = periods[i].Elapsed(now) >= options.Value.MinimumForecastShare;
            return new BudgetStatus(budget, periods[i], sums[i].Spent, sums[i].Provisional, runRate, forecast, meaningful,
                Level(budget, sums[i].Spent, ThresholdBasis.Actual), meaningful ? Level(budget, forecast, ThresholdBasis.Forecast) : 0, trusted)
            {
                EstimatedUsd = sums[i].Estimated,
                FinalAt = periods[i].End + pricing.Value.CostsFinalAfter,
            };
        })];
        IReadOnlyList<BudgetStatus> lateStatuses = [.. late.Select((l, j) =>
        {
            var sum = sums[budgets.Count + j];
            return new BudgetStatus(l.Rule, l.Period, sum.Spent, 0, 0, sum.Spent, false, Level(l.Rule, sum.Spent, ThresholdBasis.Actual), 0, trusted)
            {
                EstimatedUsd = sum.Estimated,
                FinalAt = l.Period.End + pricing.Value.CostsFinalAfter,
                Late = true,
            };
        })];
        return (current, lateStatuses);
    }

    private sealed class Sums
    {
        public decimal Spent;
        public decimal Provisional;
        public decimal Estimated;
        public decimal Recent;
    }

    /// <summary>Per budget: spend in its period (of it estimated, and from <paramref name="today"/> on), and spend in [recentFrom, today).</summary>
    private async Task<Sums[]> SumAsync(
        List<BudgetRule> budgets, List<PeriodWindow> periods, EvaluationContext context, DateTimeOffset recentFrom, DateTimeOffset to, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var from = periods.Min(p => p.Start) < recentFrom ? periods.Min(p => p.Start) : recentFrom;
        var matchers = budgets.Select(b => new ScopeMatcher(b.Scope, context.ProjectNames)).ToList();
        var sums = budgets.Select(_ => new Sums()).ToArray();
        await foreach (var row in spend.ReadAsync(from, to, cancellationToken))
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
                    sums[i].Spent += row.AmountUsd;
                    sums[i].Provisional += day >= today ? row.AmountUsd : 0;
                    sums[i].Estimated += row.Estimated ? row.AmountUsd : 0;
                }

                sums[i].Recent += day < today && day >= recentFrom ? row.AmountUsd : 0;
            }
        }

        return sums;
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
