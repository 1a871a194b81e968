using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>What enforcing one budget came to at its latest evaluation.</summary>
internal enum EnforcementOutcome
{
    /// <summary>OpenAI's hard limit already equals the budget.</summary>
    InSync,

    /// <summary>A dry run: the limit differs, and would be changed.</summary>
    WouldChange,

    /// <summary>The limit was changed at OpenAI.</summary>
    Changed,

    /// <summary>The budget is below what the scope already spent this month, and <c>allowBelowSpend</c> is off.</summary>
    BelowSpend,

    /// <summary>OpenAI answered 403: the admin key may not write spend limits.</summary>
    Forbidden,

    /// <summary>The admin key may not read the scope's limit, so it is not known what to change.</summary>
    Unreadable,

    /// <summary>The budget's project is not (or no longer) in the organization.</summary>
    UnknownProject,

    /// <summary>Spend controls or costs not polled (successfully) yet: nothing is judged.</summary>
    Waiting,

    /// <summary>The change failed for another reason (5xx, timeout); tried again at the next evaluation.</summary>
    Failed,
}

/// <summary>
/// One enforced budget's state, kept so that news goes out once per outcome (<see cref="ReportedKey"/>, numbered by
/// <see cref="ReportSeq"/>), a 403 is retried only after <see cref="ForbiddenUntil"/>, and health can show it.
/// </summary>
internal sealed record EnforcementRecord(
    string BudgetKey,
    string Budget,
    string Scope,
    bool DryRun,
    EnforcementOutcome Outcome,
    decimal? CurrentUsd,
    decimal TargetUsd,
    string Message,
    DateTimeOffset Since)
{
    public string? ReportedKey { get; init; }

    public int ReportSeq { get; init; }

    public DateTimeOffset? ForbiddenUntil { get; init; }

    public DateTimeOffset? LastChangeAt { get; init; }

    public string? LastChange { get; init; }
}

/// <summary>Enforcement records in the catalog table: one partition, one row per enforced budget.</summary>
internal sealed class EnforcementStore(TableStore tables)
{
    private const string Partition = "enforcement";

    public async Task<Dictionary<string, EnforcementRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var records = new Dictionary<string, EnforcementRecord>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var record = FromEntity(row);
            records[record.BudgetKey] = record;
        }

        return records;
    }

    public async Task SaveAsync(EnforcementRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var row = new TableEntity(Partition, KeyEncoder.Segment(record.BudgetKey))
        {
            [nameof(record.BudgetKey)] = record.BudgetKey,
            [nameof(record.Budget)] = record.Budget,
            [nameof(record.Scope)] = record.Scope,
            [nameof(record.DryRun)] = record.DryRun,
            [nameof(record.Outcome)] = record.Outcome.ToString(),
            [nameof(record.TargetUsd)] = record.TargetUsd.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [nameof(record.Message)] = record.Message,
            [nameof(record.Since)] = record.Since,
            [nameof(record.ReportSeq)] = record.ReportSeq,
            [nameof(record.ForbiddenUntil)] = record.ForbiddenUntil,
            [nameof(record.LastChangeAt)] = record.LastChangeAt,
        };
        row.SetIfNotNull(nameof(record.CurrentUsd), record.CurrentUsd?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        row.SetIfNotNull(nameof(record.ReportedKey), record.ReportedKey);
        row.SetIfNotNull(nameof(record.LastChange), record.LastChange);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(string budgetKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        await table.DeleteEntityAsync(Partition, KeyEncoder.Segment(budgetKey), Azure.ETag.All, cancellationToken);
    }

    private static EnforcementRecord FromEntity(TableEntity row) => new(
        row.GetString(nameof(EnforcementRecord.BudgetKey)) ?? "",
        row.GetString(nameof(EnforcementRecord.Budget)) ?? "",
        row.GetString(nameof(EnforcementRecord.Scope)) ?? "",
        row.GetBoolean(nameof(EnforcementRecord.DryRun)) ?? true,
        Enum.TryParse<EnforcementOutcome>(row.GetString(nameof(EnforcementRecord.Outcome)), out var outcome) ? outcome : EnforcementOutcome.Waiting,
        Money(row.GetString(nameof(EnforcementRecord.CurrentUsd))),
        Money(row.GetString(nameof(EnforcementRecord.TargetUsd))) ?? 0m,
        row.GetString(nameof(EnforcementRecord.Message)) ?? "",
        row.GetDateTimeOffset(nameof(EnforcementRecord.Since)) ?? DateTimeOffset.MinValue)
    {
        ReportedKey = row.GetString(nameof(EnforcementRecord.ReportedKey)),
        ReportSeq = row.GetInt32(nameof(EnforcementRecord.ReportSeq)) ?? 0,
        ForbiddenUntil = row.GetDateTimeOffset(nameof(EnforcementRecord.ForbiddenUntil)),
        LastChangeAt = row.GetDateTimeOffset(nameof(EnforcementRecord.LastChangeAt)),
        LastChange = row.GetString(nameof(EnforcementRecord.LastChange)),
    };

    private static decimal? Money(string? text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
