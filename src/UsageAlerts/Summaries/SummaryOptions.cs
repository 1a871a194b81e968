using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Summaries;

/// <summary>
/// Section <c>Summaries</c>: the caps that keep every summary, CSV and dashboard request bounded, and the defaults
/// a manager gets without parameters.
/// </summary>
public sealed class SummaryOptions
{
    public const string SectionName = "Summaries";

    /// <summary>Longest <c>from</c>..<c>to</c> range a request may ask for; it bounds the rows one request reads.</summary>
    [Range(1, 1100)]
    public int MaxRangeDays { get; set; } = 400;

    /// <summary>Range without <c>from</c>: this many days ending with today.</summary>
    [Range(1, 1100)]
    public int DefaultRangeDays { get; set; } = 30;

    /// <summary>Projects below this share of spend are folded into "other" in the dashboard's share chart.</summary>
    [Range(0.0, 0.5)]
    public double OtherShareThreshold { get; set; } = 0.05;

    /// <summary>Series a stacked chart shows before folding the smallest into "other" (colours stay tellable apart).</summary>
    [Range(2, 12)]
    public int MaxChartSeries { get; set; } = 8;

    /// <summary>Rows in the dashboard's top-movers table.</summary>
    [Range(1, 50)]
    public int TopMovers { get; set; } = 5;

    /// <summary>Groups one summary may return; more means the grouping is too fine for the range.</summary>
    [Range(100, 1_000_000)]
    public int MaxGroups { get; set; } = 50_000;

    /// <summary>Longest accepted value of any query parameter.</summary>
    [Range(16, 2048)]
    public int MaxParameterLength { get; set; } = 256;

    /// <summary>Most values one filter parameter (e.g. <c>project</c>) may repeat.</summary>
    [Range(1, 200)]
    public int MaxFilterValues { get; set; } = 50;

    /// <summary>Window of the rate-limit headroom report without <c>minutes</c>.</summary>
    [Range(1, 1440)]
    public int DefaultHeadroomMinutes { get; set; } = 60;

    /// <summary>Longest headroom window; one-minute rows are kept only about a day anyway.</summary>
    [Range(1, 1440)]
    public int MaxHeadroomMinutes { get; set; } = 1440;
}
