using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts;

/// <summary>
/// One evaluation: observe every rule, decide each alert against its stored state, claim each change with a
/// conditional write (only the winner of a race announces), close the firing alerts nobody observes any more, then
/// put each announcement into the outbox — one row per notice and receiver, under an id made from the notice — and
/// mark it enqueued. A claim whose enqueue was lost to a crash is enqueued again by the next run under the same
/// row ids, so it is never sent twice, whatever else fires meanwhile. The deliverer groups rows into messages.
/// </summary>
internal sealed class AlertEngine(
    RulesProvider rules,
    IEnumerable<IAlertSource> sources,
    AlertStore store,
    OutboxStore outbox,
    EvaluationContextFactory contexts,
    TableLease lease,
    IOptions<AlertingOptions> alerting,
    IOptions<OpenAiOptions> openAi,
    IOptions<DashboardOptions> dashboard,
    ILogger<AlertEngine> logger)
{
    private const string LeaseName = "evaluate";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Returns the number of outbox rows enqueued; 0 when another evaluation holds the lease and this one skips.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken)
    {
        if (await lease.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken) is not { } token)
        {
            return 0;
        }

        try
        {
            return await EvaluateHeldAsync(cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(LeaseName, token, CancellationToken.None);
        }
    }

    private async Task<int> EvaluateHeldAsync(CancellationToken cancellationToken)
    {
        var document = rules.Current;
        var context = await contexts.CreateAsync(cancellationToken);
        var now = context.Now;
        var observations = new List<Observation>();
        foreach (var source in sources)
        {
            observations.AddRange(await source.ObserveAsync(document, context, cancellationToken));
        }

        var open = await store.LoadOpenAsync(cancellationToken);
        var announced = new List<(AlertState State, AlertNotice Notice)>();
        var changes = 0;
        foreach (var observation in observations)
        {
            var silenced = Silences.Covers(document.Silences, observation, now);
            AlertState? previous = null;
            if (await ClaimAsync(open, observation.AlertId, current => AlertDecider.Decide(previous = current, observation, now, silenced), cancellationToken) is { } claimed)
            {
                changes++;
                if (claimed.Notice is { } type)
                {
                    announced.Add((claimed.State, NoticeBuilder.Build(claimed.State, type, observation, previous?.NotifiedLabel, now)));
                }
            }
        }

        var observed = observations.Select(o => o.AlertId).ToHashSet();
        foreach (var state in open.Values.Where(s => s.IsFiring && !observed.Contains(s.Id)).ToList())
        {
            var exists = RuleExists(document, state);
            if (await ClaimAsync(open, state.Id, current => current is null ? null : AlertDecider.Unobserved(current, now, exists, alerting.Value.ResolveTimeout), cancellationToken) is { } claimed)
            {
                changes++;
                if (claimed.Notice is { } type)
                {
                    announced.Add((claimed.State, NoticeBuilder.Build(claimed.State, type, null, null, now)));
                }
            }
        }

        var fresh = announced.Select(a => a.State.Id).ToHashSet();
        var byId = observations.GroupBy(o => o.AlertId).ToDictionary(g => g.Key, g => g.First());
        announced.AddRange(open.Values
            .Where(s => !s.Enqueued && s.PendingNotice is not null && !fresh.Contains(s.Id))
            .Select(s => (s, NoticeBuilder.Build(s, s.PendingNotice!.Value, byId.GetValueOrDefault(s.Id), null, now))));
        var rows = await EnqueueAsync(announced, now, cancellationToken);
        NotificationsLog.Evaluated(logger, observations.Count, changes, rows);
        return rows;
    }

    /// <summary>
    /// Decides and writes one alert's change. The first decision uses the open state already loaded (none for an
    /// alert not open: inserting it then conflicts if a closed state exists, which is read and decided on).
    /// </summary>
    private async Task<(AlertState State, NoticeType? Notice)?> ClaimAsync(Dictionary<AlertId, AlertState> open, AlertId id, Func<AlertState?, Decision?> decide, CancellationToken cancellationToken)
    {
        AlertState? saved = null;
        var decision = await ReadDecideWrite.RunAsync(
            (attempt, ct) => attempt == 0 ? Task.FromResult(open.GetValueOrDefault(id)) : store.GetAsync(id, ct),
            decide,
            async (d, ct) => (saved = await store.TrySaveAsync(d.Next, ct)) is not null,
            cancellationToken);
        if (decision is null || saved is null)
        {
            return null;
        }

        open[id] = saved;
        return (saved, decision.Notice);
    }

    private static bool RuleExists(RulesDocument document, AlertState state) => state.Kind switch
    {
        AlertKind.Budget => document.Budgets.Any(b => b.Key == state.RuleKey),
        AlertKind.Spike => document.Spikes.Any(s => s.Key == state.RuleKey),
        AlertKind.RateLimit => document.RateLimits.Any(r => r.Key == state.RuleKey),
        AlertKind.HardLimit => document.HardLimits.Enabled,
        _ => document.Blind is not null,
    };

    private async Task<int> EnqueueAsync(List<(AlertState State, AlertNotice Notice)> announced, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var link = dashboard.Value.PublicBaseUrl is { } b ? new Uri(b, "api/dashboard") : null;
        var rows = 0;
        foreach (var (state, notice) in announced)
        {
            var reference = new NoticeRef(state.Id.Value, state.Seq, notice.Type, state.Episode);
            var content = new OutboxContent(new ChatMessage(openAi.Value.OrganizationName, now, [notice], link), null, [reference]);
            foreach (var receiver in state.Audience(notice.Type))
            {
                await outbox.EnqueueAsync(receiver, OutboxContent.NoticeId(receiver, reference), content, notice.Title, now, cancellationToken);
                rows++;
            }
        }

        foreach (var (state, _) in announced)
        {
            var seq = state.Seq;
            await store.ChangeAsync(state.Id, s => s.Seq == seq && !s.Enqueued ? s with { Enqueued = true } : null, cancellationToken);
        }

        return rows;
    }
}
