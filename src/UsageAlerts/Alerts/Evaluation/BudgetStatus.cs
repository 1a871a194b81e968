using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// A budget's position in its current period. <see cref="ForecastUsd"/> is spend to date plus the recent daily
/// run-rate times the days left; <see cref="ForecastMeaningful"/> is false early in a period.
/// </summary>
internal sealed record BudgetStatus(
    BudgetRule Rule,
    PeriodWindow Period,
    decimal SpentUsd,
    decimal ProvisionalUsd,
    decimal RunRateUsd,
    decimal ForecastUsd,
    bool ForecastMeaningful,
    int ActualLevel,
    int ForecastLevel,
    bool Trusted)
{
    /// <summary>The part of <see cref="SpentUsd"/> estimated from usage because OpenAI's bill did not cover it yet.</summary>
    public decimal EstimatedUsd { get; init; }

    /// <summary>When the period's costs count as final: until then late spend still counts against it.</summary>
    public DateTimeOffset FinalAt { get; init; }

    /// <summary>True for a period that has ended but whose costs are not final yet (its figures are late figures).</summary>
    public bool Late { get; init; }

    public decimal Percent => Rule.AmountUsd == 0 ? 0 : SpentUsd / Rule.AmountUsd * 100m;

    public decimal ForecastPercent => Rule.AmountUsd == 0 ? 0 : ForecastUsd / Rule.AmountUsd * 100m;

    public IEnumerable<ThresholdRule> Crossed(ThresholdBasis basis) =>
        Rule.Thresholds.Take(basis == ThresholdBasis.Actual ? ActualLevel : ForecastLevel);
}
