using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Pricing;

/// <summary>Section <c>Pricing</c>: how per-key costs are estimated from usage and learned unit rates.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>A day without a bill of its own (today, or costs not yet reported) uses rates learned at most this many days before.</summary>
    [Range(1, 90)]
    public int MaxRateAgeDays { get; set; } = 14;

    /// <summary>Health warns when a project's estimate drifts from its bill by more than this, in percent, on a recent closed day.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal DriftWarningPercent { get; set; } = 2m;

    /// <summary>Closed days health looks back over for drift.</summary>
    [Range(1, 31)]
    public int DriftWindowDays { get; set; } = 7;
}
