using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>A decided change: the next state, and what to announce (if anything).</summary>
internal sealed record Decision(AlertState Next, NoticeType? Notice);

/// <summary>
/// The alert lifecycle as a pure function of (stored state, observation, now, silenced):
/// announce on first firing, on a higher threshold, after the repeat interval, and on resolve — the last only to
/// receivers that got the firing. A clear condition resolves only after it lasted the resolve delay, so a dip and
/// recovery inside it stays one firing. Unknown data changes nothing. Silenced alerts move state but say nothing,
/// and are announced when the silence ends if they still fire.
/// </summary>
internal static class AlertDecider
{
    public const string RuleRemoved = "rule removed";
    public const string NotObserved = "no longer observed";

    /// <summary>Null when nothing needs writing.</summary>
    public static Decision? Decide(AlertState? current, Observation observation, DateTimeOffset now, bool silenced)
    {
        var firing = current?.IsFiring == true;
        if (observation.State == ObservedState.Unknown)
        {
            // Seen again, though not judgeable: the alert is still watched, so the resolve timeout stops.
            return firing && current!.MissingSince is not null ? new Decision(current with { MissingSince = null }, null) : null;
        }

        if (observation.State == ObservedState.Clear)
        {
            return firing ? Clear(current!, observation, now, silenced) : null;
        }

        var next = current ?? new AlertState { Id = observation.AlertId };
        if (!firing)
        {
            next = next with
            {
                Status = AlertStatus.Firing,
                Episode = next.Episode + 1,
                FiredAt = now,
                ResolvedAt = null,
                ResolveReason = null,
                NotifiedLevel = 0,
                NotifiedLabel = null,
                DeliveredTo = [],
            };
        }

        var changed = !firing || next.Level != observation.Level || next.ClearSince is not null || next.MissingSince is not null;
        next = next with { ClearSince = null, MissingSince = null };
        NoticeType? notice = null;
        if (!silenced && observation.Level > next.NotifiedLevel)
        {
            notice = next.NotifiedLevel == 0 ? NoticeType.Firing : NoticeType.Escalated;
        }
        else if (!silenced && next.NotifiedLevel > 0 && next.LastNotifiedAt is { } last && now - last >= observation.Timing.Repeat)
        {
            notice = NoticeType.Reminder;
        }

        if (notice is null && !changed)
        {
            return null;
        }

        next = Describe(next, observation, now);
        if (notice is not null && observation.Level > next.NotifiedLevel)
        {
            next = next with { NotifiedLevel = observation.Level, NotifiedLabel = observation.Content.LevelLabel };
        }

        return new Decision(notice is { } announced ? Announce(next, announced, now) : next, notice);
    }

    /// <summary>
    /// A firing alert this evaluation did not observe at all. Its rule removed: it resolves now, telling those who
    /// got the firing. Its budget period over: it closes without a message. Otherwise it resolves once it has gone
    /// unobserved for <paramref name="resolveTimeout"/>. Null when nothing needs writing.
    /// </summary>
    public static Decision? Unobserved(AlertState current, DateTimeOffset now, bool ruleExists, TimeSpan resolveTimeout)
    {
        if (!current.IsFiring)
        {
            return null;
        }

        if (!ruleExists)
        {
            return Resolve(current, now, RuleRemoved, silenced: false);
        }

        if (current.ExpiresAt is { } end && end <= now)
        {
            return new Decision(current with { Status = AlertStatus.Expired, ResolvedAt = now, Level = 0 }, null);
        }

        if (current.MissingSince is not { } since)
        {
            return new Decision(current with { MissingSince = now }, null);
        }

        return now - since >= resolveTimeout ? Resolve(current, now, NotObserved, silenced: false) : null;
    }

    private static Decision? Clear(AlertState current, Observation observation, DateTimeOffset now, bool silenced)
    {
        var clearSince = current.ClearSince ?? now;
        if (now - clearSince < observation.Timing.ResolveAfter)
        {
            return current.ClearSince is null || current.MissingSince is not null
                ? new Decision(current with { ClearSince = clearSince, MissingSince = null }, null)
                : null;
        }

        return Resolve(Describe(current, observation, now) with { ClearSince = clearSince }, now, null, silenced);
    }

    private static Decision Resolve(AlertState current, DateTimeOffset now, string? reason, bool silenced)
    {
        var next = current with { Status = AlertStatus.Resolved, ResolvedAt = now, ResolveReason = reason, Level = 0, MissingSince = null };
        return !silenced && next.DeliveredTo.Count > 0
            ? new Decision(Announce(next, NoticeType.Resolved, now), NoticeType.Resolved)
            : new Decision(next, null);
    }

    private static AlertState Describe(AlertState state, Observation observation, DateTimeOffset now) => state with
    {
        RuleKey = observation.RuleKey,
        Rule = observation.Rule,
        Kind = observation.Kind,
        Scope = observation.Scope,
        Level = observation.State == ObservedState.Firing ? observation.Level : 0,
        LevelLabel = observation.Content.LevelLabel,
        Value = observation.Value,
        Title = observation.Content.Title,
        Severity = observation.Content.Severity,
        Receivers = observation.Receivers,
        ExpiresAt = observation.Timing.ExpiresAt,
        LastEvaluatedAt = now,
    };

    private static AlertState Announce(AlertState state, NoticeType type, DateTimeOffset now) => state with
    {
        Seq = state.Seq + 1,
        PendingNotice = type,
        Enqueued = false,
        LastNotifiedAt = now,
    };
}
