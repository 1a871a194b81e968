using System.Globalization;
using Azure;
using Azure.Data.Tables;
using UsageAlerts.Notifications;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts;

/// <summary>
/// Alert states in Table Storage, mapped to and from their rows here only. Every write is conditional (If-Match on
/// the version read, or insert-only for a new alert), so when two evaluations race exactly one claim wins and the
/// other re-reads and re-decides.
/// </summary>
internal sealed class AlertStore(TableStore tables)
{
    private static readonly string FiringText = Text(AlertStatus.Firing);

    /// <summary>
    /// What an evaluation needs besides the alerts it observes: the firing ones and those whose last notice has not
    /// reached the outbox. Resolved history is not read (an observed alert without an open state is read on its own).
    /// </summary>
    public Task<Dictionary<AlertId, AlertState>> LoadOpenAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {AlertStateEntity.Partition} and (Status eq {FiringText} or Enqueued eq {false})"), cancellationToken);

    /// <summary>Firing alerts, and those that closed since <paramref name="since"/>.</summary>
    public Task<Dictionary<AlertId, AlertState>> LoadRecentAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {AlertStateEntity.Partition} and (Status eq {FiringText} or ResolvedAt ge {since})"), cancellationToken);

    public async Task<AlertState?> GetAsync(AlertId id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AlertStateEntity>(AlertStateEntity.Partition, KeyEncoder.Segment(id.Value), cancellationToken: cancellationToken);
        return found.HasValue ? ToState(found.Value!) : null;
    }

    /// <summary>Writes the state if nobody changed it since it was read; null when another writer got there first.</summary>
    public async Task<AlertState?> TrySaveAsync(AlertState state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var entity = ToEntity(state);
        try
        {
            var response = state.Version == default
                ? await table.AddEntityAsync(entity, cancellationToken)
                : await table.UpdateEntityAsync(entity, state.Version, TableUpdateMode.Replace, cancellationToken);
            return state with { Version = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Applies a change to the stored state, re-reading on conflicts; nothing when the alert is gone or the change returns null.</summary>
    public Task ChangeAsync(AlertId id, Func<AlertState, AlertState?> change, CancellationToken cancellationToken)
    {
        return ReadDecideWrite.RunAsync<AlertState, AlertState>(
            (_, ct) => GetAsync(id, ct),
            current => current is null ? null : change(current),
            async (next, ct) => await TrySaveAsync(next, ct) is not null,
            cancellationToken);
    }

    /// <summary>Deletes closed alerts (resolved or expired) whose last notice is in the outbox and which closed before the cut-off.</summary>
    public async Task<int> DeleteClosedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AlertStateEntity.Partition} and Status ne {FiringText} and Enqueued eq {true} and ResolvedAt lt {cutoff}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<AlertStateEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            // Conditional on the version read: a state that fired again since is kept.
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    private async Task<Dictionary<AlertId, AlertState>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var states = new Dictionary<AlertId, AlertState>();
        await foreach (var row in table.QueryAsync<AlertStateEntity>(filter, cancellationToken: cancellationToken))
        {
            var state = ToState(row);
            states[state.Id] = state;
        }

        return states;
    }

    private static string Text<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T Parse<T>(string? text, T fallback)
        where T : struct, Enum => Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : fallback;

    private static string[] Names(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries);

    private static AlertState ToState(AlertStateEntity row) => new()
    {
        Id = new AlertId(row.AlertId),
        RuleKey = row.RuleKey ?? row.Rule,
        Rule = row.Rule,
        Kind = Parse(row.Kind, AlertKind.Budget),
        Scope = row.Scope,
        Status = Parse(row.Status, AlertStatus.Resolved),
        Level = row.Level,
        LevelLabel = row.LevelLabel,
        Value = row.Value is { } value ? decimal.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : 0,
        Title = row.Title,
        Severity = Parse(row.Severity, Severity.Warning),
        FiredAt = row.FiredAt,
        ResolvedAt = row.ResolvedAt,
        ResolveReason = row.ResolveReason,
        ClearSince = row.ClearSince,
        MissingSince = row.MissingSince,
        Episode = row.Episode,
        NotifiedLevel = row.NotifiedLevel,
        NotifiedLabel = row.NotifiedLabel,
        LastNotifiedAt = row.LastNotifiedAt,
        Seq = row.Seq,
        PendingNotice = row.PendingNotice is { } pending ? Parse(pending, NoticeType.Firing) : null,
        Enqueued = row.Enqueued,
        DeliveredTo = Names(row.DeliveredTo),
        Receivers = Names(row.Receivers),
        ExpiresAt = row.ExpiresAt,
        LastEvaluatedAt = row.LastEvaluatedAt,
        Version = row.ETag,
    };

    private static AlertStateEntity ToEntity(AlertState state) => new()
    {
        RowKey = KeyEncoder.Segment(state.Id.Value),
        AlertId = state.Id.Value,
        RuleKey = state.RuleKey,
        Rule = state.Rule,
        Kind = state.Kind.ToString(),
        Scope = state.Scope,
        Status = Text(state.Status),
        Level = state.Level,
        LevelLabel = state.LevelLabel,
        Value = state.Value.ToString(CultureInfo.InvariantCulture),
        Title = state.Title,
        Severity = state.Severity.ToString(),
        FiredAt = state.FiredAt,
        ResolvedAt = state.ResolvedAt,
        ResolveReason = state.ResolveReason,
        ClearSince = state.ClearSince,
        MissingSince = state.MissingSince,
        Episode = state.Episode,
        NotifiedLevel = state.NotifiedLevel,
        NotifiedLabel = state.NotifiedLabel,
        LastNotifiedAt = state.LastNotifiedAt,
        Seq = state.Seq,
        PendingNotice = state.PendingNotice?.ToString(),
        Enqueued = state.Enqueued,
        DeliveredTo = string.Join(';', state.DeliveredTo),
        Receivers = string.Join(';', state.Receivers),
        ExpiresAt = state.ExpiresAt,
        LastEvaluatedAt = state.LastEvaluatedAt,
    };
}
