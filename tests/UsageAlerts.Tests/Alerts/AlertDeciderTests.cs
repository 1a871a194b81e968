using UsageAlerts.Alerts;
using UsageAlerts.Notifications;

namespace UsageAlerts.Tests.Alerts;

public sealed class AlertDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Observation Seen(ObservedState state, int level = 1, TimeSpan? resolveAfter = null, TimeSpan? repeat = null) => new(
        new AlertId("rate|r|p|m|tokens"), "r", "r", AlertKind.RateLimit, "p · m", ["slack"], state, level, 90m,
        new NoticeContent("title", "summary", [], Severity.Warning, $"L{level}", null, null),
        new AlertTiming(repeat ?? TimeSpan.FromHours(4), resolveAfter ?? TimeSpan.Zero, null));

    private static AlertState Delivered(AlertState state) => state with { DeliveredTo = ["slack"], Enqueued = true };

    [Fact]
    public void First_firing_is_announced_once_and_unchanged_data_says_nothing_more()
    {
        var first = AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, silenced: false)!;

        Assert.Equal(NoticeType.Firing, first.Notice);
        Assert.Null(AlertDecider.Decide(first.Next, Seen(ObservedState.Firing), T0.AddMinutes(5), false));
        Assert.Null(AlertDecider.Decide(first.Next, Seen(ObservedState.Firing), T0.AddHours(3), false));
    }

    [Fact]
    public void A_higher_threshold_escalates_and_a_lower_one_stays_quiet()
    {
        var fired = AlertDecider.Decide(null, Seen(ObservedState.Firing, 1), T0, false)!.Next;

        var up = AlertDecider.Decide(fired, Seen(ObservedState.Firing, 2), T0.AddMinutes(5), false)!;
        var down = AlertDecider.Decide(up.Next, Seen(ObservedState.Firing, 1), T0.AddMinutes(10), false)!;
        var upAgain = AlertDecider.Decide(down.Next, Seen(ObservedState.Firing, 2), T0.AddMinutes(15), false);

        Assert.Equal(NoticeType.Escalated, up.Notice);
        Assert.Null(down.Notice);
        Assert.Null(upAgain?.Notice);
    }

    [Fact]
    public void Two_thresholds_crossed_at_once_are_one_firing_at_the_higher()
    {
        var decision = AlertDecider.Decide(null, Seen(ObservedState.Firing, 2), T0, false)!;

        Assert.Equal(NoticeType.Firing, decision.Notice);
        Assert.Equal(2, decision.Next.NotifiedLevel);
    }

    [Fact]
    public void A_still_firing_alert_is_repeated_after_its_interval_only()
    {
        var fired = AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, false)!.Next;

        Assert.Null(AlertDecider.Decide(fired, Seen(ObservedState.Firing), T0.AddHours(4).AddSeconds(-1), false));
        Assert.Equal(NoticeType.Reminder, AlertDecider.Decide(fired, Seen(ObservedState.Firing), T0.AddHours(4), false)!.Notice);
    }

    [Fact]
    public void Resolve_is_announced_only_when_the_firing_was_delivered()
    {
        var fired = AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, false)!.Next;

        var undelivered = AlertDecider.Decide(fired, Seen(ObservedState.Clear), T0.AddMinutes(5), false)!;
        var delivered = AlertDecider.Decide(Delivered(fired), Seen(ObservedState.Clear), T0.AddMinutes(5), false)!;

        Assert.Null(undelivered.Notice);
        Assert.Equal(AlertStatus.Resolved, undelivered.Next.Status);
        Assert.Equal(NoticeType.Resolved, delivered.Notice);
    }

    [Fact]
    public void Flapping_inside_the_resolve_delay_stays_one_firing()
    {
        var resolveAfter = TimeSpan.FromMinutes(15);
        var state = Delivered(AlertDecider.Decide(null, Seen(ObservedState.Firing, resolveAfter: resolveAfter), T0, false)!.Next);
        var notices = new List<NoticeType>();
        for (var minute = 5; minute <= 60; minute += 5)
        {
            var observed = minute % 10 == 5 ? ObservedState.Clear : ObservedState.Firing;
            if (AlertDecider.Decide(state, Seen(observed, resolveAfter: resolveAfter), T0.AddMinutes(minute), false) is { } decision)
            {
                state = decision.Next;
                notices.AddRange(decision.Notice is { } n ? [n] : []);
            }
        }

        Assert.Empty(notices);
        Assert.Equal(AlertStatus.Firing, state.Status);
    }

    [Fact]
    public void A_clear_that_lasts_the_resolve_delay_resolves()
    {
        var resolveAfter = TimeSpan.FromMinutes(15);
        var state = Delivered(AlertDecider.Decide(null, Seen(ObservedState.Firing, resolveAfter: resolveAfter), T0, false)!.Next);

        state = AlertDecider.Decide(state, Seen(ObservedState.Clear, resolveAfter: resolveAfter), T0.AddMinutes(5), false)!.Next;
        Assert.Null(AlertDecider.Decide(state, Seen(ObservedState.Clear, resolveAfter: resolveAfter), T0.AddMinutes(10), false));
        var resolved = AlertDecider.Decide(state, Seen(ObservedState.Clear, resolveAfter: resolveAfter), T0.AddMinutes(20), false)!;

        Assert.Equal(NoticeType.Resolved, resolved.Notice);
    }

    [Fact]
    public void Unknown_data_never_fires_nor_resolves()
    {
        var fired = Delivered(AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, false)!.Next);

        Assert.Null(AlertDecider.Decide(fired, Seen(ObservedState.Unknown, 0), T0.AddHours(30), false));
        Assert.Null(AlertDecider.Decide(null, Seen(ObservedState.Unknown, 2), T0, false));
    }

    [Fact]
    public void A_silenced_alert_keeps_state_and_speaks_when_the_silence_ends()
    {
        var silenced = AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, silenced: true)!;
        var afterSilence = AlertDecider.Decide(silenced.Next, Seen(ObservedState.Firing), T0.AddHours(1), silenced: false)!;

        Assert.Null(silenced.Notice);
        Assert.Equal(AlertStatus.Firing, silenced.Next.Status);
        Assert.Equal(NoticeType.Firing, afterSilence.Notice);
    }

    [Fact]
    public void Budget_alerts_of_a_past_period_expire_silently()
    {
        var fired = AlertDecider.Decide(null, Seen(ObservedState.Firing) with { Timing = new AlertTiming(TimeSpan.FromDays(1), TimeSpan.Zero, T0.AddDays(1)) }, T0, false)!.Next;
        var missing = AlertDecider.Unobserved(fired, T0.AddHours(23), ruleExists: true, TimeSpan.FromDays(2))!;

        Assert.Null(missing.Notice);
        Assert.Equal(AlertStatus.Firing, missing.Next.Status);
        var expired = AlertDecider.Unobserved(missing.Next, T0.AddDays(1), ruleExists: true, TimeSpan.FromDays(2))!;
        Assert.Equal(AlertStatus.Expired, expired.Next.Status);
        Assert.Null(expired.Notice);
    }

    [Fact]
    public void A_removed_rules_alert_resolves_with_a_message_to_those_who_got_the_firing()
    {
        var fired = AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, false)!.Next;

        var told = AlertDecider.Unobserved(Delivered(fired), T0, ruleExists: false, TimeSpan.FromHours(1))!;
        var untold = AlertDecider.Unobserved(fired, T0, ruleExists: false, TimeSpan.FromHours(1))!;

        Assert.Equal(AlertStatus.Resolved, told.Next.Status);
        Assert.Equal(NoticeType.Resolved, told.Notice);
        Assert.Equal(AlertDecider.RuleRemoved, told.Next.ResolveReason);
        Assert.Equal(AlertStatus.Resolved, untold.Next.Status);
        Assert.Null(untold.Notice);
    }

    [Fact]
    public void An_alert_no_longer_observed_resolves_after_the_resolve_timeout_and_one_seen_again_does_not()
    {
        var timeout = TimeSpan.FromHours(1);
        var fired = Delivered(AlertDecider.Decide(null, Seen(ObservedState.Firing), T0, false)!.Next);

        var missing = AlertDecider.Unobserved(fired, T0.AddMinutes(5), ruleExists: true, timeout)!.Next;
        Assert.Null(AlertDecider.Unobserved(missing, T0.AddMinutes(64), ruleExists: true, timeout));
        var seenAgain = AlertDecider.Decide(missing, Seen(ObservedState.Unknown), T0.AddMinutes(30), false)!.Next;
        var resolved = AlertDecider.Unobserved(missing, T0.AddMinutes(65), ruleExists: true, timeout)!;

        Assert.Null(seenAgain.MissingSince);
        Assert.Equal(AlertStatus.Firing, seenAgain.Status);
        Assert.Equal(NoticeType.Resolved, resolved.Notice);
        Assert.Equal(AlertDecider.NotObserved, resolved.Next.ResolveReason);
    }

    [Fact]
    public void A_new_firing_starts_a_new_episode_and_remembers_the_label_announced()
    {
        var first = AlertDecider.Decide(null, Seen(ObservedState.Firing, 1), T0, false)!.Next;
        var silencedUp = AlertDecider.Decide(first, Seen(ObservedState.Firing, 2), T0.AddMinutes(5), silenced: true)!.Next;
        var resolved = AlertDecider.Decide(Delivered(silencedUp), Seen(ObservedState.Clear), T0.AddMinutes(10), false)!.Next;
        var again = AlertDecider.Decide(resolved, Seen(ObservedState.Firing), T0.AddMinutes(15), false)!;

        Assert.Equal("L1", silencedUp.NotifiedLabel);
        Assert.Equal("L2", silencedUp.LevelLabel);
        Assert.Equal(1, first.Episode);
        Assert.Equal(2, again.Next.Episode);
        Assert.Equal(NoticeType.Firing, again.Notice);
        Assert.Empty(again.Next.DeliveredTo);
    }
}
