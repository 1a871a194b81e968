using Microsoft.Extensions.Logging;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.RateLimits;

/// <summary>
/// Rate-limit headroom from the one-minute usage streams (<see cref="HeadroomReader"/>, the computation the alert
/// uses too): for each project and cap model, the busiest minute of the window in requests and in tokens (input +
/// output), against the caps in the catalog.
/// </summary>
internal sealed class HeadroomService(HeadroomReader headroom, CatalogReader catalog, StreamCatalog streams, TimeProvider timeProvider, ILogger<HeadroomService> logger)
{
    private static readonly string[] Notes =
    [
        "Tokens per minute are input + output tokens from usage. OpenAI's limiter also counts the max_tokens a request asks for, so real token utilisation can be higher than shown.",
        "Dated snapshots (gpt-4o-2024-08-06) count under a cap set on their family (gpt-4o) when the project has no cap for the snapshot itself.",
        "The newest minute may still be filling; one-minute usage arrives a few minutes late (see dataThrough).",
    ];

    public async Task<HeadroomReport> MeasureAsync(HeadroomQuery query, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var now = timeProvider.GetUtcNow();
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        var from = to.AddMinutes(-query.Minutes);
        var names = catalog.ProjectNamesAsync(cancellationToken);
        var caps = await catalog.RateLimitsAsync(query.Projects, cancellationToken);
        var minutes = await headroom.ReadAsync(streams.RecentUsage.Select(s => s.Name), caps, from, to, query.Projects, cancellationToken);

        var projectNames = await names;
        var report = minutes.Groups
            .Where(t => query.Models is null || (t.Key.Model is { } m && (query.Models.Contains(m) || t.Value.UsageModels.Overlaps(query.Models))))
            .Select(t => Row(t.Key.ProjectId, t.Key.Model, t.Value, caps, projectNames))
            .OrderByDescending(r => r.UtilisationPercent ?? -1m)
            .ThenByDescending(r => r.Requests.PeakPerMinute)
            .ThenBy(r => r.ProjectId, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ToList();
        var elapsed = timeProvider.GetElapsedTime(started);
        SummariesLog.HeadroomServed(logger, query.Minutes, minutes.RowsRead, report.Count, (long)elapsed.TotalMilliseconds);
        return new HeadroomReport(from, to, query.Minutes, minutes.DataThrough, Notes, report, minutes.RowsRead);
    }

    private static HeadroomRow Row(string? project, string? model, MinuteTotals totals, RateLimitCaps caps, IReadOnlyDictionary<string, string> names)
    {
        var cap = caps.Find(project, model);
        var (peakRequests, requestsAt) = totals.PeakRequests();
        var (peakTokens, tokensAt) = totals.PeakTokens();
        var requests = HeadroomMeasure.Of(peakRequests, requestsAt, cap?.MaxRequestsPerMinute);
        var tokens = HeadroomMeasure.Of(peakTokens, tokensAt, cap?.MaxTokensPerMinute);
        decimal?[] utilisations = [requests.UtilisationPercent, tokens.UtilisationPercent];
        return new HeadroomRow(project, project is null ? null : names.GetValueOrDefault(project), model, [.. totals.UsageModels], requests, tokens, utilisations.Max());
    }
}
