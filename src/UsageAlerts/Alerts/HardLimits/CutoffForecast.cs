using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.HardLimits;

/// <summary>How close a scope is to its hard limit; the level rises from warning to critical to reached.</summary>
internal enum CutoffLevel
{
    None,
    Warning,
    Critical,
    Reached,
}

/// <summary>
/// When one hard limit will be reached: month-to-date spend plus the recent run-rate. A forecast past the month's end
/// is none, since the limit is monthly and spend starts again from zero.
/// </summary>
internal sealed record CutoffForecast(decimal LimitUsd, ScopeSpend Spend, PeriodWindow Month, DateTimeOffset Now)
{
    public decimal SpentUsd => Spend.MonthToDateUsd;

    public decimal Percent => LimitUsd == 0 ? 0 : SpentUsd / LimitUsd * 100m;

    public bool Reached => SpentUsd >= LimitUsd;

    /// <summary>When the run-rate reaches the limit; null when already reached, with no spend, or not before the month ends.</summary>
    public DateTimeOffset? ReachesAt
    {
        get
        {
            var rate = Spend.RunRateUsdPerHour;
            if (Reached || rate <= 0)
            {
                return null;
            }

            var hours = (double)((LimitUsd - SpentUsd) / rate);
            return hours >= (Month.End - Now).TotalHours ? null : Now.AddHours(hours);
        }
    }

    public CutoffLevel Level(HardLimitRule rule)
    {
        if (Reached)
        {
            return CutoffLevel.Reached;
        }

        var hours = ReachesAt is { } at ? (decimal)(at - Now).TotalHours : decimal.MaxValue;
        return hours <= rule.CriticalHours ? CutoffLevel.Critical
            : hours <= rule.WarningHours || Percent >= rule.WarningPercent ? CutoffLevel.Warning
            : CutoffLevel.None;
    }

    public static CutoffForecast For(decimal limitUsd, ScopeSpend spend, DateTimeOffset now) =>
        new(limitUsd, spend, PeriodWindow.Containing(now, BudgetPeriod.Month), now);
}
