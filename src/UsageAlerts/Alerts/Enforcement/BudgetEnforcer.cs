using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Alerts.HardLimits;
using UsageAlerts.OpenAi;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>
/// Keeps OpenAI's hard spend limit of each budget with <c>enforce</c> equal to the budget's amount. A dry run only
/// says what it would change. A limit below the spend already incurred this month is refused unless
/// <c>allowBelowSpend</c>; a 403 is retried only after <see cref="EnforcementOptions.ForbiddenRetryInterval"/>. Each
/// outcome is logged, stored for health, and announced once to the budget's receivers.
/// </summary>
internal sealed class BudgetEnforcer(
    OpenAiAdminClient client,
    SpendControlReader controls,
    ScopeSpendReader spend,
    EnforcementStore store,
    EnforcementReporter reporter,
    TableStore tables,
    IOptions<EnforcementOptions> options,
    ILogger<BudgetEnforcer> logger)
{
    public async Task EnforceAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        var enforced = rules.Budgets.Where(b => b.Enforce is not null).ToList();
        var stored = await store.ReadAllAsync(cancellationToken);
        foreach (var gone in stored.Keys.Where(k => enforced.All(b => b.Key != k)))
        {
            await store.DeleteAsync(gone, cancellationToken);
        }

        if (enforced.Count == 0)
        {
            return;
        }

        var limits = (await controls.ReadAsync(cancellationToken)).ToDictionary(c => c.ProjectId ?? "", StringComparer.Ordinal);
        var spent = await spend.ReadAsync(context.Now, cancellationToken);
        var trusted = context.SpendControlsTrusted;
        foreach (var budget in enforced)
        {
            var previous = stored.GetValueOrDefault(budget.Key);
            var next = await DecideAsync(budget, previous, limits, spent, trusted, context, cancellationToken);
            next = await reporter.AnnounceAsync(budget, rules, next, context, cancellationToken);
            if (next != previous)
            {
                await store.SaveAsync(next, cancellationToken);
            }
        }
    }

    private async Task<EnforcementRecord> DecideAsync(
        BudgetRule budget,
        EnforcementRecord? previous,
        Dictionary<string, SpendControlRecord> limits,
        (IReadOnlyDictionary<string, ScopeSpend> Projects, ScopeSpend Organization) spent,
        bool trusted,
        EvaluationContext context,
        CancellationToken cancellationToken)
    {
        var now = context.Now;
        var dryRun = budget.Enforce!.DryRun;
        var target = budget.AmountUsd;
        EnforcementRecord Outcome(EnforcementOutcome outcome, string scope, decimal? current, string message) =>
            previous is not null && previous.Outcome == outcome && previous.CurrentUsd == current && previous.TargetUsd == target && previous.DryRun == dryRun && previous.Message == message && previous.Scope == scope
                ? previous
                : new EnforcementRecord(budget.Key, budget.Name, scope, dryRun, outcome, current, target, message, now)
                {
                    ReportedKey = previous?.ReportedKey,
                    ReportSeq = previous?.ReportSeq ?? 0,
                    ForbiddenUntil = previous?.ForbiddenUntil,
                    LastChangeAt = previous?.LastChangeAt,
                    LastChange = previous?.LastChange,
                };

        if (ProjectId(budget.Scope, context) is not { } projectId)
        {
            var name = budget.Scope.Projects[0];
            return Log(budget, Outcome(EnforcementOutcome.UnknownProject, $"project {name}", null, $"no project of the organization is called {name}, so no hard limit is enforced"));
        }

        var scope = projectId.Length == 0 ? "the organization" : $"project {context.ProjectLabel(projectId)}";
        if (!trusted || limits.GetValueOrDefault(projectId) is not { } control)
        {
            return Outcome(EnforcementOutcome.Waiting, scope, previous?.CurrentUsd, "waiting for fresh spend controls and costs from OpenAI before judging the limit");
        }

        if (control.LimitState == SpendControlState.NoPermission)
        {
            return Log(budget, Outcome(EnforcementOutcome.Unreadable, scope, null, "the admin key may not read this hard limit (403), so it is not known what to change"));
        }

        var current = control.LimitUsd;
        if (current == target)
        {
            return Outcome(EnforcementOutcome.InSync, scope, current, $"the hard limit at OpenAI is {Display.Usd(target)}, as the budget says");
        }

        var month = ScopeSpendReader.For(projectId.Length == 0 ? null : projectId, spent, now).MonthToDateUsd;
        if (target < month && !budget.Enforce.AllowBelowSpend)
        {
            return Log(budget, Outcome(EnforcementOutcome.BelowSpend, scope, current,
                $"the budget of {Display.Usd(target)} is below the {Display.Usd(month)} {scope} already spent this month; a limit there would fail its requests at once, so it is not set (enforce.allowBelowSpend allows it)"));
        }

        var from = current is { } c ? Display.Usd(c) : "none";
        if (dryRun)
        {
            var would = Outcome(EnforcementOutcome.WouldChange, scope, current, $"dry run: would set the hard limit at OpenAI from {from} to {Display.Usd(target)}");
            if (would != previous)
            {
                EnforcementLog.WouldChange(logger, budget.Name, scope, from, target);
            }

            return would;
        }

        if (previous?.ForbiddenUntil is { } until && until > now)
        {
            return Outcome(EnforcementOutcome.Forbidden, scope, current, ForbiddenMessage(until));
        }

        try
        {
            var set = projectId.Length == 0
                ? await client.SetOrganizationSpendLimitAsync(target, cancellationToken)
                : await client.SetProjectSpendLimitAsync(projectId, target, cancellationToken);
            await RecordLimitAsync(control, set, now, cancellationToken);
            EnforcementLog.Changed(logger, budget.Name, scope, from, set.ThresholdUsd);
            var change = $"set the hard limit at OpenAI from {from} to {Display.Usd(set.ThresholdUsd)}";
            return Outcome(EnforcementOutcome.Changed, scope, current, change) with { ForbiddenUntil = null, LastChangeAt = now, LastChange = change };
        }
        catch (OpenAiApiException exception) when (exception.StatusCode == 403)
        {
            var retryAt = now + options.Value.ForbiddenRetryInterval;
            return Log(budget, Outcome(EnforcementOutcome.Forbidden, scope, current, ForbiddenMessage(retryAt)) with { ForbiddenUntil = retryAt });
        }
        catch (OpenAiApiException exception)
        {
            EnforcementLog.Failed(logger, budget.Name, scope, exception.Kind.ToString(), exception.Message);
            return Outcome(EnforcementOutcome.Failed, scope, current, $"setting the hard limit to {Display.Usd(target)} failed ({exception.Message}); tried again at the next evaluation");
        }
    }

    private static string ForbiddenMessage(DateTimeOffset until) =>
        $"OpenAI refused to change the hard limit (403): the admin key needs write access to the organization's settings; next try after {Display.Minute(until)}";

    private EnforcementRecord Log(BudgetRule budget, EnforcementRecord record)
    {
        if (record.ReportedKey != EnforcementReporter.KeyOf(record))
        {
            EnforcementLog.NotEnforced(logger, budget.Name, record.Scope, record.Message);
        }

        return record;
    }

    /// <summary>"" for the organization, the project's id, or null when the scope's project is not known.</summary>
    private static string? ProjectId(ScopeRule scope, EvaluationContext context)
    {
        if (scope.Projects.Count == 0)
        {
            return "";
        }

        // Matched as the budget's own spend is (ScopeMatcher); a name two projects share names neither.
        var wanted = scope.Projects[0];
        var ids = context.ProjectNames.ContainsKey(wanted) ? [wanted] : ScopeMatcher.ProjectIds(wanted, context.ProjectNames).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    /// <summary>The stored spend control follows the change at once, so the next evaluation sees it in sync before the next poll.</summary>
    private async Task RecordLimitAsync(SpendControlRecord control, SpendLimit set, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        await table.UpsertEntityAsync(
            SpendControlRows.ToEntity(control with { LimitState = SpendControlState.Set, LimitUsd = set.ThresholdUsd, Enforcement = set.Enforcement, ReadAt = now }),
            TableUpdateMode.Replace,
            cancellationToken);
    }
}
