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
