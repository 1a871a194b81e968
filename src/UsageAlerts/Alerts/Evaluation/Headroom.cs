using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>Peak per-minute use of one project and model against its caps over a window.</summary>
internal sealed record Headroom(
    string ProjectId,
    string Model,
    long PeakRequests,
    DateTimeOffset? PeakRequestsAt,
    long? MaxRequestsPerMinute,
    long PeakTokens,
    DateTimeOffset? PeakTokensAt,
    long? MaxTokensPerMinute)
{
    public decimal? RequestsPercent => MaxRequestsPerMinute is > 0 ? PeakRequests * 100m / MaxRequestsPerMinute.Value : null;

    public decimal? TokensPercent => MaxTokensPerMinute is > 0 ? PeakTokens * 100m / MaxTokensPerMinute.Value : null;
}

/// <summary>Each cap's peaks from the shared headroom computation (<see cref="HeadroomReader"/>).</summary>
internal static class HeadroomCalculator
{
    public static IReadOnlyList<Headroom> Calculate(MinuteUsage minutes) =>
        [.. minutes.Caps.All.Select(cap =>
        {
            var totals = minutes.Of(cap);
            var (peakRequests, requestsAt) = totals?.PeakRequests() ?? (0, null);
            var (peakTokens, tokensAt) = totals?.PeakTokens() ?? (0, null);
            return new Headroom(cap.ProjectId, cap.Model, peakRequests, requestsAt, cap.MaxRequestsPerMinute, peakTokens, tokensAt, cap.MaxTokensPerMinute);
        })];
}
