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
/// conditional write (only the winner of a race announces), then put the announcements into the outbox — one
/// message per receiver — and mark them enqueued. A claim whose enqueue was lost to a crash is found and
/// enqueued again by the next run under the same message id.
/// </summary>
internal sealed class AlertEngine(
    RulesProvider rules,
    IEnumerable<IAlertSource> sources,
    AlertStore store,
    OutboxStore outbox,
    EvaluationContextFactory contexts,
    TableLease lease,
    IOptions<OpenAiOptions> openAi,
    IOptions<DashboardOptions> dashboard,
    ILogger<AlertEngine> logger)
{
    private const int MaxNoticesPerMessage = 25;

    private const string LeaseName = "evaluate";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    /// <summary>Returns the number of messages enqueued; 0 when another evaluation holds the lease and this one skips.</summary>
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

        var states = await store.LoadAsync(cancellationToken);
        var announced = new List<(AlertStateEntity State, AlertNotice Notice)>();
        var changes = 0;
        foreach (var observation in observations)
        {
            var silenced = Silences.Covers(document.Silences, observation, now);
            var current = states.GetValueOrDefault(observation.AlertId);
            for (var attempt = 0; attempt < 5; attempt++)
            {
                if (AlertDecider.Decide(current, observation, now, silenced) is not { } decision)
                {
                    break;
                }

                if (await store.TrySaveAsync(decision.Next, cancellationToken))
                {
                    changes++;
                    states[observation.AlertId] = decision.Next;
                    if (decision.Notice is { } type)
                    {
                        announced.Add((decision.Next, NoticeBuilder.Build(decision.Next, type, observation, current?.LevelLabel, now)));
                    }

                    break;
                }

                // Another evaluation changed this alert first: decide again from what it wrote.
                current = await store.GetAsync(observation.AlertId, cancellationToken);
            }
        }

        changes += await ExpireAsync(states, document, observations, now, cancellationToken);
        announced.AddRange(Unenqueued(states, announced, observations, now));
        var messages = await EnqueueAsync(announced, now, cancellationToken);
        NotificationsLog.Evaluated(logger, observations.Count, changes, messages);
        return messages;
    }

    private async Task<int> ExpireAsync(Dictionary<string, AlertStateEntity> states, RulesDocument document, List<Observation> observations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ruleNames = document.Budgets.Select(b => b.Name).Concat(document.Spikes.Select(s => s.Name)).Concat(document.RateLimits.Select(r => r.Name))
            .Append("blind").ToHashSet(StringComparer.Ordinal);
        var observed = observations.Select(o => o.AlertId).ToHashSet(StringComparer.Ordinal);
        var expired = 0;
        foreach (var state in states.Values.Where(s => !observed.Contains(s.AlertId)).ToList())
        {
            if (AlertDecider.Expire(state, now, ruleNames.Contains(state.Rule)) is { } next && await store.TrySaveAsync(next, cancellationToken))
            {
                states[state.AlertId] = next;
                expired++;
            }
        }

        return expired;
    }

    /// <summary>Announcements claimed by an earlier run that never reached the outbox (it crashed in between).</summary>
    private static IEnumerable<(AlertStateEntity, AlertNotice)> Unenqueued(Dictionary<string, AlertStateEntity> states, List<(AlertStateEntity State, AlertNotice Notice)> announced, List<Observation> observations, DateTimeOffset now)
    {
        var fresh = announced.Select(a => a.State.AlertId).ToHashSet(StringComparer.Ordinal);
        var byId = observations.GroupBy(o => o.AlertId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return states.Values
            .Where(s => !s.Enqueued && s.PendingNotice is not null && !fresh.Contains(s.AlertId))
            .Select(s => (s, NoticeBuilder.Build(s, Enum.Parse<NoticeType>(s.PendingNotice!), byId.GetValueOrDefault(s.AlertId), null, now)));
    }

    private async Task<int> EnqueueAsync(List<(AlertStateEntity State, AlertNotice Notice)> announced, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byReceiver = announced
            .SelectMany(a => (a.Notice.Type == NoticeType.Resolved ? a.State.DeliveredReceivers : a.State.Receivers.Split(';', StringSplitOptions.RemoveEmptyEntries))
                .Select(receiver => (Receiver: receiver, a.State, a.Notice)))
            .GroupBy(a => a.Receiver, StringComparer.Ordinal);
        var messages = 0;
        foreach (var group in byReceiver)
        {
            var ordered = group.OrderByDescending(a => a.Notice.Severity).ThenBy(a => a.Notice.AlertId, StringComparer.Ordinal).ToList();
            foreach (var chunk in ordered.Chunk(MaxNoticesPerMessage))
            {
                var refs = chunk.Select(a => new NoticeRef(a.State.AlertId, a.State.Seq, a.Notice.Type)).ToList();
                var content = new OutboxContent(new ChatMessage(openAi.Value.OrganizationName, now, [.. chunk.Select(a => a.Notice)], dashboard.Value.PublicBaseUrl is { } b ? new Uri(b, "api/dashboard") : null), null, refs);
                var id = OutboxContent.IdFor(group.Key, refs.Select(r => $"{r.AlertId}#{r.Seq}"));
                await outbox.EnqueueAsync(group.Key, id, content, chunk[0].Notice.Title, now, cancellationToken);
                messages++;
            }
        }

        foreach (var (state, _) in announced)
        {
            var seq = state.Seq;
            await store.UpdateAsync(state.AlertId, s => s.Enqueued |= s.Seq == seq, cancellationToken);
        }

        return messages;
    }
}
