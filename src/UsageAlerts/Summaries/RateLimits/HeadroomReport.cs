namespace UsageAlerts.Summaries.RateLimits;

/// <summary>The JSON body of <c>/api/rate-limits</c>: per project and model, the busiest minute against the caps.</summary>
internal sealed record HeadroomReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Minutes,
    DateTimeOffset? DataThrough,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HeadroomRow> Rows,
    long RowsRead);

/// <param name="Model">The model the cap is set on, or the usage model when no cap matches.</param>
/// <param name="UsageModels">The usage models counted under it (snapshots share their family's cap).</param>
/// <param name="UtilisationPercent">The higher of the two utilisations; null when neither has a cap.</param>
internal sealed record HeadroomRow(
    string? ProjectId,
    string? ProjectName,
    string? Model,
    IReadOnlyList<string> UsageModels,
    HeadroomMeasure Requests,
    HeadroomMeasure Tokens,
    decimal? UtilisationPercent);

/// <param name="PeakPerMinute">The largest one-minute total in the window.</param>
/// <param name="PeakMinute">Start of the first minute with that total.</param>
/// <param name="LimitPerMinute">The configured cap; null when the catalog has none.</param>
internal sealed record HeadroomMeasure(long PeakPerMinute, DateTimeOffset? PeakMinute, long? LimitPerMinute, decimal? UtilisationPercent)
{
    public static HeadroomMeasure Of(long peak, DateTimeOffset? minute, long? limit) =>
        new(peak, minute, limit, limit is > 0 ? Math.Round(peak * 100m / limit.Value, 1, MidpointRounding.AwayFromZero) : null);
}
