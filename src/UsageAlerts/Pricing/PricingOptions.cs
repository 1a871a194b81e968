using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Pricing;

/// <summary>Section <c>Pricing</c>: how per-key costs are estimated from usage and learned unit rates.</summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// OpenAI's costs lag and are revised: a day's bill counts as final this long after the day ends. Rates are learned
    /// only from final days, and until then a project's spend is its bill or its estimate from usage, whichever is
    /// larger.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan CostsFinalAfter { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// A project's bill for an open day replaces the estimate once it is within this many percent below it: the rest
    /// is rate error, not lag, and a bill that covers the day is the better figure.
    /// </summary>
    [Range(typeof(decimal), "0", "50")]
    public decimal LagMarginPercent { get; set; } = 2m;

    /// <summary>A day without a bill of its own (today, or costs not yet reported) uses rates learned at most this many days before.</summary>
    [Range(1, 90)]
    public int MaxRateAgeDays { get; set; } = 14;

    /// <summary>Health warns when a project's estimate drifts from its bill by more than this, in percent, on a recent closed day.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal DriftWarningPercent { get; set; } = 2m;

    /// <summary>Closed days health looks back over for drift.</summary>
    [Range(1, 31)]
    public int DriftWindowDays { get; set; } = 7;

    /// <summary>
    /// The optional prices file (<c>config/prices.json</c>, shipped beside the app): USD per unit for line items no
    /// rate has been learned for yet. Relative paths are resolved from the app's folder; a missing file or an empty
    /// setting means no file prices, a malformed one stops start-up.
    /// </summary>
    public string? PricesPath { get; set; } = "prices.json";

    public string? ResolvedPricesPath => string.IsNullOrWhiteSpace(PricesPath) ? null
        : Path.IsPathRooted(PricesPath) ? PricesPath : Path.Combine(AppContext.BaseDirectory, PricesPath);
}
