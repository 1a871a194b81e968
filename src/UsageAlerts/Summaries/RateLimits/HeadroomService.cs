using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.RateLimits;

/// <summary>
/// Rate-limit headroom from the one-minute usage streams: for each project and cap model, the busiest minute of the
/// window in requests and in tokens (input + output), against the caps in the catalog.
/// </summary>
internal sealed class HeadroomService(TableStore tables, StreamCatalog catalog, ProjectDirectory projects, TimeProvider timeProvider, ILogger<HeadroomService> logger)
{
    private const string InputTokens = "input_tokens";
    private const string OutputTokens = "output_tokens";
    private const string Requests = "num_model_requests";

    private static readonly string[] Columns = [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, InputTokens, OutputTokens, Requests];

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
        var names = projects.LoadAsync(cancellationToken);
        var caps = await RateLimitCaps.LoadAsync(tables, query.Projects, cancellationToken);
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);

        var totals = new Dictionary<(string? Project, string? Model), MinuteTotals>();
        DateTimeOffset? dataThrough = null;
        long rows = 0;
        foreach (var stream in catalog.RecentUsage)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(Filter(stream.KeyPrefix, from, to, query.Projects), select: Columns, cancellationToken: cancellationToken))
            {
                rows++;
                var minute = row.GetDateTimeOffset(UsageRows.BucketStart)!.Value;
                var project = row.GetString(UsageRows.ProjectId);
                var model = row.GetString(UsageRows.Model);
                var capModel = caps.Find(project, model)?.Model ?? model;
                if (!totals.TryGetValue((project, capModel), out var group))
                {
                    totals[(project, capModel)] = group = new MinuteTotals();
                }

                group.Add(minute, model, Metric(row, Requests), Metric(row, InputTokens) + Metric(row, OutputTokens));
                dataThrough = dataThrough is { } seen && seen > minute ? seen : minute;
            }
        }

        var projectNames = await names;
        var report = totals
            .Where(t => query.Models is null || (t.Key.Model is { } m && (query.Models.Contains(m) || t.Value.UsageModels.Overlaps(query.Models))))
            .Select(t => Row(t.Key.Project, t.Key.Model, t.Value, caps, projectNames))
            .OrderByDescending(r => r.UtilisationPercent ?? -1m)
            .ThenByDescending(r => r.Requests.PeakPerMinute)
            .ThenBy(r => r.ProjectId, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ToList();
        var elapsed = timeProvider.GetElapsedTime(started);
        SummariesLog.HeadroomServed(logger, query.Minutes, rows, report.Count, (long)elapsed.TotalMilliseconds);
        return new HeadroomReport(from, to, query.Minutes, dataThrough, Notes, report, rows);
    }

    private static string Filter(string stream, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projectFilter)
    {
        var last = to.AddTicks(-1);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {UsageRows.Partition(stream, from)} and PartitionKey le {UsageRows.Partition(stream, last)} and BucketStart ge {from} and BucketStart lt {to}");
        return StorageFilters.And(filter, UsageRows.ProjectId, projectFilter);
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

    private static long Metric(TableEntity row, string column) =>
        row.TryGetValue(column, out var value) && value is long or int ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
