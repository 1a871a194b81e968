using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Ingestion;

/// <summary>Section <c>Ingestion</c>: how far back to read and how much to re-read each run.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Days of daily usage and costs the first run reads.</summary>
    [Range(1, 1100)]
    public int BackfillDays { get; set; } = 30;

    /// <summary>OpenAI revises recent daily buckets (and costs lag), so this many trailing days are read again every run.</summary>
    [Range(0, 31)]
    public int DailyRepollDays { get; set; } = 3;

    /// <summary>Hours of hourly usage kept current; a restart after longer downtime starts here again.</summary>
    [Range(1, 720)]
    public int HourlyWindowHours { get; set; } = 48;

    [Range(0, 168)]
    public int HourlyRepollHours { get; set; } = 6;

    /// <summary>Minutes of one-minute usage read for rate-limit headroom.</summary>
    [Range(5, 1440)]
    public int MinuteWindowMinutes { get; set; } = 120;

    [Range(0, 1440)]
    public int MinuteRepollMinutes { get; set; } = 10;

    /// <summary>One-minute rows older than this are deleted by the cleanup job.</summary>
    [Range(1, 168)]
    public int MinuteRetentionHours { get; set; } = 24;

    /// <summary>Hourly rows older than this are deleted by the cleanup job.</summary>
    [Range(1, 400)]
    public int HourlyRetentionDays { get; set; } = 35;

    /// <summary>Streams read at once in one job run.</summary>
    [Range(1, 16)]
    public int StreamConcurrency { get; set; } = 4;

    /// <summary>A run stops starting new pages after this long, so it ends inside the Functions timeout; the watermark keeps the progress.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>
    /// After OpenAI refused a costs grouping (API key), how long costs are read without it before the full grouping
    /// is tried again, so an organization where it works keeps per-key billed costs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:05:00", "31.00:00:00")]
    public TimeSpan CostGroupingRetryInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Usage endpoints to poll; empty means all.</summary>
    public IList<string> Kinds { get; } = [];
}
