using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>Section <c>Enforcement</c>: how budgets with <c>enforce</c> change OpenAI's hard spend limits.</summary>
public sealed class EnforcementOptions
{
    public const string SectionName = "Enforcement";

    /// <summary>
    /// After OpenAI refused a change with 403 (the admin key may read but not write spend limits), the next try
    /// waits this long: the key will not gain write access by itself between two evaluations.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "31.00:00:00")]
    public TimeSpan ForbiddenRetryInterval { get; set; } = TimeSpan.FromDays(1);
}
