using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Enforcement;
using UsageAlerts.Configuration;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;

namespace UsageAlerts.Health;

/// <summary>
/// Judges every stream's freshness against its job's schedule: stale when the last success is older than three of
/// the job's longest intervals (at least ten minutes), so one missed run is tolerated and a stuck job is not.
/// </summary>
internal sealed class HealthService(
    StreamCatalog catalog,
    StreamStateStore states,
    JobRunStore runs,
    IOptions<ScheduleOptions> schedules,
    IOptions<OpenAiOptions> openAi,
    RulesProvider rules,
    ReceiverStore receiverStates,
    OutboxStore outbox,
    PricingStore pricing,
    IOptions<PricingOptions> pricingOptions,
    EnforcementStore enforcement,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan MinimumStaleness = TimeSpan.FromMinutes(10);

    // Schedules are fixed at start-up, and walking a week of occurrences is not free: judge each job once.
    private readonly Lazy<IReadOnlyDictionary<string, TimeSpan>> _staleAfter = new(() => JobNames.All.ToDictionary(
        job => job,
        job => TimeSpan.FromTicks(Math.Max(MinimumStaleness.Ticks, 3 * CronSchedule.Parse(schedules.Value.ExpressionFor(job)).LongestInterval(timeProvider.GetUtcNow()).Ticks)),
        StringComparer.Ordinal));

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var known = (await states.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        var streams = JudgeStreams(known, now);

        var jobs = new List<JobHealth>();
        foreach (var job in JobNames.All)
        {
            var latest = await runs.LatestAsync(job, 1, cancellationToken);
            var last = latest.Count > 0 ? latest[0] : null;
            jobs.Add(new JobHealth(job, schedules.Value.ExpressionFor(job), last?.StartedAt, last?.Succeeded, last?.RowsWritten, last?.PagesRead, last?.Transactions, last?.ErrorCount));
        }

        var receivers = await ReceiversAsync(cancellationToken);
        var status = !streams.Any(s => s.Fresh) ? "unhealthy"
            : streams.All(s => s.Fresh || s.Unavailable) && !receivers.Any(r => r.Broken || r.DeadMessages > 0) ? "healthy"
            : "degraded";
        return new HealthReport(status, now, openAi.Value.OrganizationName, streams, jobs, receivers, receivers.Sum(r => r.PendingMessages), receivers.Sum(r => r.DeadMessages))
        {
            Pricing = await PricingAsync(Storage.Periods.Day(now), cancellationToken),
            Enforcement = [.. (await enforcement.ReadAllAsync(cancellationToken)).Values.OrderBy(e => e.Budget, StringComparer.Ordinal).Select(e => new EnforcementHealth(
                e.Budget,
                e.Scope,
                e.DryRun ? "dry run" : "enforcing",
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Outcome.ToString()),
                e.Message,
                e.Since,
                e.Outcome == EnforcementOutcome.Changed ? e.TargetUsd : e.CurrentUsd,
                e.TargetUsd,
                e.ForbiddenUntil > now ? e.ForbiddenUntil : null,
                e.LastChangeAt,
                e.LastChange))],
        };
    }

    /// <summary>Drift above the setting on recent closed days, and usage no rate covers, as warnings.</summary>
    private async Task<PricingHealth> PricingAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var options = pricingOptions.Value;
        var estimates = await pricing.EstimatesAsync(today.AddDays(-options.DriftWindowDays), today.AddDays(1), cancellationToken);
        var warnings = new List<string>();
        foreach (var estimate in estimates.Where(e => !e.BilledPerKey && e.Day < today).OrderBy(e => e.Day))
        {
            warnings.AddRange(estimate.Drift
                .Where(d => d.DriftPercent is { } p && Math.Abs(p) > options.DriftWarningPercent)
                .Select(d => $"{Storage.Periods.Format(estimate.Day)}: per-key estimates of project {d.ProjectId ?? "(none)"} drift {d.DriftPercent:+0.##;-0.##} % from the bill"));
        }

        var unpriced = estimates.SelectMany(e => e.Unpriced).Select(u => u.LineItem).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unpriced.Count > 0)
        {
            warnings.Add($"unpriced usage (no rate learned yet; cost unknown, not $0): {string.Join(", ", unpriced.Take(5))}{(unpriced.Count > 5 ? ", …" : "")}");
        }

        var latest = estimates.Where(e => e.RatesDay is not null).Select(e => e.RatesDay!.Value).DefaultIfEmpty().Max();
        return new PricingHealth(latest == default ? null : Storage.Periods.Format(latest), warnings);
    }

    private async Task<IReadOnlyList<ReceiverHealth>> ReceiversAsync(CancellationToken cancellationToken)
    {
        var states = (await receiverStates.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        var counts = await outbox.CountsAsync(cancellationToken);
        return [.. rules.Current.Receivers.Select(r =>
        {
            var state = states.GetValueOrDefault(Storage.KeyEncoder.Segment(r.Name));
            var outboxCounts = counts.GetValueOrDefault(r.Name);
            return new ReceiverHealth(r.Name, r.Type.ToString(), state?.Broken ?? false, state?.Reason, outboxCounts?.Pending ?? 0,
                outboxCounts?.Dead ?? 0, outboxCounts?.LastDeadReason, state?.LastDeliveredAt);
        })];
    }

    /// <summary>Every polled stream's freshness, from stream states already read (no I/O).</summary>
    public IReadOnlyList<StreamHealth> JudgeStreams(IReadOnlyDictionary<string, StreamStateEntity> known, DateTimeOffset now) =>
        [.. catalog.All.Select(s => (s.Name, Job: JobFor(s.Source)))
            .Append((Name: CatalogIngestor.StreamName, Job: JobNames.PollProjects))
            .Append((Name: SpendControlIngestor.StreamName, Job: JobNames.PollProjects))
            .Select(s => Judge(s.Name, s.Job, known.GetValueOrDefault(s.Name), now))];

    private StreamHealth Judge(string name, string job, StreamStateEntity? state, DateTimeOffset now)
    {
        var staleAfter = _staleAfter.Value[job];
        var age = state?.LastSuccessAt is { } success ? now - success : (TimeSpan?)null;
        return new StreamHealth(
            name,
            job,
            Fresh: age is { } a && a <= staleAfter,
            Unavailable: state?.Unavailable ?? false,
            state?.LastSuccessAt,
            age?.TotalSeconds,
            staleAfter.TotalSeconds,
            state?.Watermark,
            state?.ConsecutiveFailures ?? 0,
            state?.LastErrorKind,
            state?.LastError,
            state?.Warning,
            state?.LastSkippedResults ?? 0);
    }

    private static string JobFor(StreamSource source) => source switch
    {
        StreamSource.RecentUsage => JobNames.PollRecentUsage,
        StreamSource.Costs => JobNames.PollCosts,
        StreamSource.Projects => JobNames.PollProjects,
        _ => JobNames.PollUsage,
    };
}
