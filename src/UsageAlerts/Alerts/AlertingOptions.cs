using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Alerts;

/// <summary>Section <c>Alerts</c>: how long conditions must hold before alerts change, and how long history is kept.</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// A firing budget resolves only after its spend stayed below the threshold this long: OpenAI revises recent days
    /// down and today's first costs arrive late, so spend to date dips and recovers within a day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan BudgetResolveDelay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Forecasts move every day with the run-rate, so they must stay below longer before they resolve.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan ForecastResolveDelay { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Spikes are judged on settled buckets, which do not move, so by default they resolve at the next normal bucket.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan SpikeResolveDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Blind monitoring (stale or failing streams, dead letters) resolves once monitoring sees again for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan BlindResolveDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A firing hard-limit cutoff resolves only after staying clear this long: the run-rate moves with every usage
    /// poll, so a forecast just beyond the horizon must hold before the alert says all is well.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan HardLimitResolveDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A firing alert no evaluation observes any more (scope edited, cap removed, model retired) resolves after this
    /// long, like Alertmanager's <c>resolve_timeout</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "31.00:00:00")]
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A daily bucket is judged by spike rules only this long after it ended: costs and usage arrive late.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan DaySettleDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An hourly bucket is judged by spike rules only this long after it ended.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan HourSettleDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Resolved and expired alert states are deleted this long after they closed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Delivered, superseded and dead outbox messages are deleted this long after they were written.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "400.00:00:00")]
    public TimeSpan MessageRetention { get; set; } = TimeSpan.FromDays(30);
}
