using System.Globalization;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>A decided change: the next state, and what to announce (if anything).</summary>
internal sealed record Decision(AlertStateEntity Next, NoticeType? Notice);

/// <summary>
/// The alert lifecycle as a pure function of (stored state, observation, now, silenced):
/// announce on first firing, on a higher threshold, after the repeat interval, and on resolve — the last only to
/// receivers that got the firing. Unknown data changes nothing. Silenced alerts move state but say nothing, and are
/// announced when the silence ends if they still fire.
/// </summary>
internal static class AlertDecider
{
    /// <summary>Null when nothing needs writing.</summary>
    public static Decision? Decide(AlertStateEntity? current, Observation observation, DateTimeOffset now, bool silenced)
    {
        if (observation.State == ObservedState.Unknown)
        {
            return null;
        }

        var firing = current?.Status == AlertStateEntity.Firing;
        if (observation.State == ObservedState.Clear)
        {
            return firing ? Clear(current!, observation, now, silenced) : null;
        }

        var next = current?.Copy() ?? new AlertStateEntity { AlertId = observation.AlertId };
        NoticeType? notice = null;
        if (!firing)
        {
            next.Status = AlertStateEntity.Firing;
            next.FiredAt = now;
            next.ResolvedAt = null;
            next.NotifiedLevel = 0;
            next.DeliveredTo = "";
        }

        var changed = !firing || next.Level != observation.Level || next.ClearSince is not null;
        next.ClearSince = null;
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

        Describe(next, observation, now);
        if (notice is { } type)
        {
            next.NotifiedLevel = Math.Max(next.NotifiedLevel, observation.Level);
            Announce(next, type, now);
        }

        return new Decision(next, notice);
    }

    /// <summary>An alert of a past period, or of a rule that no longer exists, closes without a message.</summary>
    public static AlertStateEntity? Expire(AlertStateEntity current, DateTimeOffset now, bool ruleExists)
    {
        if (current.Status != AlertStateEntity.Firing || (ruleExists && (current.ExpiresAt is not { } end || end > now)))
        {
            return null;
        }

        var next = current.Copy();
        next.Status = AlertStateEntity.Expired;
        next.ResolvedAt = now;
        return next;
    }

    private static Decision? Clear(AlertStateEntity current, Observation observation, DateTimeOffset now, bool silenced)
    {
        var next = current.Copy();
        next.ClearSince ??= now;
        if (now - next.ClearSince < observation.Timing.ResolveAfter)
        {
            return current.ClearSince is null ? new Decision(next, null) : null;
        }

        next.Status = AlertStateEntity.Resolved;
        next.ResolvedAt = now;
        next.Level = 0;
        var notice = !silenced && next.DeliveredReceivers.Count > 0 ? NoticeType.Resolved : (NoticeType?)null;
        Describe(next, observation, now);
        if (notice is { } type)
        {
            Announce(next, type, now);
        }

        return new Decision(next, notice);
    }

    private static void Describe(AlertStateEntity state, Observation observation, DateTimeOffset now)
    {
        state.Rule = observation.Rule;
        state.Kind = observation.Kind.ToString();
        state.Scope = observation.Scope;
        state.Level = observation.State == ObservedState.Firing ? observation.Level : 0;
        state.LevelLabel = observation.Content.LevelLabel;
        state.Value = observation.Value.ToString(CultureInfo.InvariantCulture);
        state.Title = observation.Content.Title;
        state.Severity = observation.Content.Severity.ToString();
        state.Receivers = string.Join(';', observation.Receivers);
        state.ExpiresAt = observation.Timing.ExpiresAt;
        state.LastEvaluatedAt = now;
    }

    private static void Announce(AlertStateEntity state, NoticeType type, DateTimeOffset now)
    {
        state.Seq++;
        state.PendingNotice = type.ToString();
        state.Enqueued = false;
        state.LastNotifiedAt = now;
    }
}
