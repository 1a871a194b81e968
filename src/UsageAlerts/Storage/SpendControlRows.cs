using System.Text.Json;
using Azure.Data.Tables;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Storage;

/// <summary>How a spend limit or the spend alerts of one scope stand: configured, not configured (404) or unreadable (403).</summary>
internal enum SpendControlState
{
    Set,
    NotSet,
    NoPermission,
}

/// <summary>
/// OpenAI's own spend controls of one scope (the organization when <see cref="ProjectId"/> is null), as last read.
/// <see cref="LimitUsd"/> and <see cref="Enforcement"/> are present only when the limit is <see cref="SpendControlState.Set"/>.
/// </summary>
internal sealed record SpendControlRecord(
    string? ProjectId,
    SpendControlState LimitState,
    decimal? LimitUsd,
    SpendEnforcement? Enforcement,
    SpendControlState AlertsState,
    IReadOnlyList<SpendAlert> Alerts,
    DateTimeOffset ReadAt)
{
    public bool LimitSet => LimitState == SpendControlState.Set;

    public bool Enforcing => Enforcement == SpendEnforcement.Enforcing;

    /// <summary>"not set", "no permission to read" or, for a set limit, "enforcing" or "inactive".</summary>
    public string LimitLabel => LimitState switch
    {
        SpendControlState.NotSet => "not set",
        SpendControlState.NoPermission => "no permission to read",
        _ => Enforcing ? "enforcing" : "inactive",
    };

    public string AlertsLabel => AlertsState switch
    {
        SpendControlState.NotSet => "not set",
        SpendControlState.NoPermission => "no permission to read",
        _ => "set",
    };

    /// <summary>"organization", or the project's name where known.</summary>
    public string Scope(IReadOnlyDictionary<string, string> projectNames) =>
        ProjectId is null ? "organization" : projectNames.GetValueOrDefault(ProjectId, ProjectId);
}

/// <summary>
/// Layout of spend controls in the catalog table: one partition, one row per scope (a few hundred at most), so a
/// poll replaces them all in a few batches and rows of deleted projects are dropped with it. Amounts are whole
/// cents, as OpenAI sends them, so nothing is rounded on the way.
/// </summary>
internal static class SpendControlRows
{
    public const string Partition = "spend";
    public const string OrganizationRow = "organization";
    public const string ProjectId = nameof(ProjectId);
    public const string LimitState = nameof(LimitState);
    public const string LimitCents = nameof(LimitCents);
    public const string Enforcement = nameof(Enforcement);
    public const string AlertsState = nameof(AlertsState);
    public const string Alerts = nameof(Alerts);
    public const string ReadAt = nameof(ReadAt);

    public static string Row(string? projectId) => projectId is null ? OrganizationRow : "project" + KeyEncoder.Separator + KeyEncoder.Segment(projectId);

    public static TableEntity ToEntity(SpendControlRecord record)
    {
        var row = new TableEntity(Partition, Row(record.ProjectId))
        {
            [LimitState] = record.LimitState.ToString(),
            [AlertsState] = record.AlertsState.ToString(),
            [Alerts] = JsonSerializer.Serialize(record.Alerts.Select(a => new StoredAlert(a.Id, (long)(a.ThresholdUsd * 100m), a.Recipients))),
            [ReadAt] = record.ReadAt,
        };
        row.SetIfNotNull(ProjectId, record.ProjectId);
        if (record.LimitUsd is { } limit)
        {
            row[LimitCents] = (long)(limit * 100m);
        }

        row.SetIfNotNull(Enforcement, record.Enforcement?.ToString());
        return row;
    }

    public static SpendControlRecord FromEntity(TableEntity row) => new(
        row.GetString(ProjectId),
        Enum.TryParse<SpendControlState>(row.GetString(LimitState), out var limitState) ? limitState : SpendControlState.NotSet,
        row.GetInt64(LimitCents) is { } cents ? cents / 100m : null,
        Enum.TryParse<SpendEnforcement>(row.GetString(Enforcement), out var enforcement) ? enforcement : null,
        Enum.TryParse<SpendControlState>(row.GetString(AlertsState), out var alertsState) ? alertsState : SpendControlState.NotSet,
        [.. (JsonSerializer.Deserialize<List<StoredAlert>>(row.GetString(Alerts) ?? "[]") ?? []).Select(a => new SpendAlert(a.Id, a.Cents / 100m, a.Recipients))],
        row.GetDateTimeOffset(ReadAt) ?? DateTimeOffset.MinValue);

    private sealed record StoredAlert(string Id, long Cents, int Recipients);
}
