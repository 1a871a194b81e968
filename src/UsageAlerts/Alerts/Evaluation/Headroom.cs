using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.RateLimits;

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

/// <summary>
/// Folds one-minute usage rows into per-minute totals per project and capped model, then keeps each pair's peak.
/// Fine-tuned and dated model names count against the cap of the base model they run on (<see cref="RateLimitCaps.CapModelFor"/>).
/// </summary>
internal static class HeadroomCalculator
{
    public static IReadOnlyList<Headroom> Calculate(IEnumerable<UsageRecord> minutes, IReadOnlyList<RateLimitRecord> limits)
    {
        var byProject = limits.GroupBy(l => l.ProjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var perMinute = new Dictionary<(string Project, string Model, DateTimeOffset Minute), (long Requests, long Tokens)>();
        foreach (var row in minutes)
        {
            if (row.ProjectId is null || row.Model is null || !byProject.TryGetValue(row.ProjectId, out var projectLimits) || CapFor(row.Model, projectLimits) is not { } limit)
            {
                continue;
            }

            var key = (row.ProjectId, limit.Model, row.Start);
            var (requests, tokens) = perMinute.GetValueOrDefault(key);
            perMinute[key] = (requests + row.Requests, tokens + row.Tokens);
        }

        var peaks = perMinute.GroupBy(e => (e.Key.Project, e.Key.Model)).ToDictionary(g => g.Key, g => g.ToList());
        return [.. limits.Select(limit =>
        {
            var minutesOfPair = peaks.GetValueOrDefault((limit.ProjectId, limit.Model)) ?? [];
            var requests = minutesOfPair.OrderByDescending(m => m.Value.Requests).ThenBy(m => m.Key.Minute).FirstOrDefault();
            var tokens = minutesOfPair.OrderByDescending(m => m.Value.Tokens).ThenBy(m => m.Key.Minute).FirstOrDefault();
            return new Headroom(
                limit.ProjectId,
                limit.Model,
                requests.Value.Requests,
                minutesOfPair.Count > 0 ? requests.Key.Minute : null,
                limit.MaxRequestsPerMinute,
                tokens.Value.Tokens,
                minutesOfPair.Count > 0 ? tokens.Key.Minute : null,
                limit.MaxTokensPerMinute);
        })];
    }

    /// <summary>The cap a model's traffic counts against, by the same rule as the rate-limits route.</summary>
    internal static RateLimitRecord? CapFor(string model, IReadOnlyList<RateLimitRecord> limits) =>
        RateLimitCaps.CapModelFor(model, limits.Select(l => l.Model)) is { } capModel ? limits.First(l => l.Model == capModel) : null;
}
