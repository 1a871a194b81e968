namespace UsageAlerts.Rules;

internal sealed class BudgetRule : IIdentifiedRule
{
    public string? Id { get; init; }

    public string Name { get; init; } = "";

    public string Key => Id ?? Name;

    public ScopeRule Scope { get; init; } = new();

    public BudgetPeriod Period { get; init; } = BudgetPeriod.Month;

    public decimal AmountUsd { get; init; }

    public List<ThresholdRule> Thresholds { get; init; } = [];

    public List<string> Receivers { get; init; } = [];

    /// <summary>How often a still-firing alert is repeated; null uses the default of one day.</summary>
    public TimeSpan? RepeatInterval { get; init; }

    /// <summary>When set, the app keeps the scope's hard spend limit at OpenAI equal to <see cref="AmountUsd"/>.</summary>
    public EnforceRule? Enforce { get; init; }
}

/// <summary>
/// Opt-in enforcement of a monthly budget of one project (or the whole organization) through OpenAI's hard spend
/// limit. A dry run, the default, only reports what it would change.
/// </summary>
internal sealed class EnforceRule
{
    public bool DryRun { get; init; } = true;

    /// <summary>Lets a limit be set below what the scope already spent this month (its requests then fail at once).</summary>
    public bool AllowBelowSpend { get; init; }
}

internal sealed class ThresholdRule
{
    public decimal Percent { get; init; }

    public ThresholdBasis On { get; init; } = ThresholdBasis.Actual;
}

internal enum ThresholdBasis
{
    Actual,
    Forecast,
    Both,
}

/// <summary>UTC periods, as OpenAI bills: days, ISO weeks from Monday, calendar months and quarters.</summary>
internal enum BudgetPeriod
{
    Day,
    Week,
    Month,
    Quarter,
}
