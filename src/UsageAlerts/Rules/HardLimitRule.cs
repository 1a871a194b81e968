namespace UsageAlerts.Rules;

/// <summary>
/// Cutoff forecasts for OpenAI's own hard spend limits: when month-to-date spend and the recent run-rate reach a
/// limit within a horizon, or spend passes a share of it. On by default (a section left out keeps these values),
/// because a reached limit makes a project's API requests fail.
/// </summary>
internal sealed class HardLimitRule
{
    /// <summary>There is one hard-limit rule; its alerts carry this rule key.</summary>
    public const string Key = "hardLimits";

    public bool Enabled { get; init; } = true;

    /// <summary>A limit reached within this many hours at the current run-rate is a warning.</summary>
    public decimal WarningHours { get; init; } = 72m;

    /// <summary>A limit reached within this many hours is critical, as is a limit already reached.</summary>
    public decimal CriticalHours { get; init; } = 24m;

    /// <summary>Spend at this share of the limit (%) is a warning whatever the run-rate.</summary>
    public decimal WarningPercent { get; init; } = 90m;

    public List<string> Receivers { get; init; } = [];

    public TimeSpan? RepeatInterval { get; init; }
}
