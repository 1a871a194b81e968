using System.Globalization;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>
/// Tells a budget's receivers what enforcing it did, once per outcome: a change made, one a dry run would make, one
/// refused (below spend, no write permission, unreadable limit, unknown project). These are reports, not alerts:
/// nothing fires or resolves. Rows are enqueued under ids made from the budget and the report's number before the
/// number is stored, so a crash in between enqueues the same rows again instead of a second message.
/// </summary>
internal sealed class EnforcementReporter(OutboxStore outbox, IOptions<OpenAiOptions> openAi)
{
    /// <summary>What makes two outcomes the same news: kind and amounts, not the wording (a retry time moves).</summary>
    public static string KeyOf(EnforcementRecord record) => string.Join(
        '|',
        record.Outcome,
        record.DryRun ? "dry" : "real",
        record.CurrentUsd?.ToString(CultureInfo.InvariantCulture) ?? "none",
        record.TargetUsd.ToString(CultureInfo.InvariantCulture));

    public async Task<EnforcementRecord> AnnounceAsync(BudgetRule budget, RulesDocument rules, EnforcementRecord record, EvaluationContext context, CancellationToken cancellationToken)
    {
        var key = KeyOf(record);
        if (key == record.ReportedKey || record.Outcome is EnforcementOutcome.Waiting or EnforcementOutcome.Failed)
        {
            return record;
        }

        if (record.Outcome == EnforcementOutcome.InSync)
        {
            // Nothing to tell, but a later change back is news again.
            return record with { ReportedKey = key };
        }

        var seq = record.ReportSeq + 1;
        var reference = new NoticeRef($"enforce|{budget.Key}", seq, NoticeType.Report, 0);
        var notice = Notice(reference.AlertId, budget, record, context);
        var content = new OutboxContent(new ChatMessage(openAi.Value.OrganizationName, context.Now, [notice], context.Link("dashboard", "")), null, [reference]);
        foreach (var receiver in EvaluationContext.Route(budget.Receivers, rules.DefaultReceiver))
        {
            await outbox.EnqueueAsync(receiver, OutboxContent.NoticeId(receiver, reference), content, notice.Title, context.Now, cancellationToken);
        }

        return record with { ReportedKey = key, ReportSeq = seq };
    }

    private static AlertNotice Notice(string id, BudgetRule budget, EnforcementRecord record, EvaluationContext context)
    {
        var scope = Capitalized(record.Scope);
        var target = Display.Usd(record.TargetUsd);
        var current = record.CurrentUsd is { } c ? Display.Usd(c) : "none";
        var (title, severity) = record.Outcome switch
        {
            EnforcementOutcome.Changed => ($"{scope}: hard limit at OpenAI set to {target} by budget \"{budget.Name}\"", Severity.Info),
            EnforcementOutcome.WouldChange => ($"Dry run: budget \"{budget.Name}\" would set the hard limit of {record.Scope} to {target}", Severity.Info),
            EnforcementOutcome.BelowSpend => ($"Budget \"{budget.Name}\" not enforced: {target} is below this month's spend of {record.Scope}", Severity.Warning),
            EnforcementOutcome.Forbidden => ($"Budget \"{budget.Name}\" not enforced: the admin key may not change hard limits", Severity.Warning),
            EnforcementOutcome.Unreadable => ($"Budget \"{budget.Name}\" not enforced: the hard limit of {record.Scope} cannot be read", Severity.Warning),
            _ => ($"Budget \"{budget.Name}\" not enforced: {record.Scope} is unknown", Severity.Warning),
        };
        var facts = new List<NoticeFact>
        {
            new("Budget", $"{budget.Name}: {target} a month"),
            new("Hard limit at OpenAI", record.Outcome == EnforcementOutcome.Changed ? $"{target} (was {current})" : current),
            new("Mode", record.DryRun ? "dry run (reports only)" : "enforcing"),
            new("Scope", record.Scope),
        };
        return new AlertNotice(id, AlertKind.Enforcement, NoticeType.Report, severity, title, Capitalized(record.Message) + ".", facts, null, context.Link("budgets", ""), context.Now, null, null);
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
