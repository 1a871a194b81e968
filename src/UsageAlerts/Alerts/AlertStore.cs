using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts;

/// <summary>
/// Alert state in Table Storage. Every write is conditional (If-Match on the ETag read, or insert-only for a new
/// alert), so when two evaluations race exactly one claim wins and the other re-reads and re-decides.
/// </summary>
internal sealed class AlertStore(TableStore tables)
{
    public async Task<Dictionary<string, AlertStateEntity>> LoadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var states = new Dictionary<string, AlertStateEntity>(StringComparer.Ordinal);
        await foreach (var state in table.QueryAsync<AlertStateEntity>(s => s.PartitionKey == AlertStateEntity.Partition, cancellationToken: cancellationToken))
        {
            states[state.AlertId] = state;
        }

        return states;
    }

    public async Task<AlertStateEntity?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AlertStateEntity>(AlertStateEntity.Partition, KeyEncoder.Segment(alertId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Writes the state if nobody changed it since it was read; false when another writer got there first.</summary>
    public async Task<bool> TrySaveAsync(AlertStateEntity state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        state.RowKey = KeyEncoder.Segment(state.AlertId);
        try
        {
            var response = state.ETag == default
                ? await table.AddEntityAsync(state, cancellationToken)
                : await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Applies a change to the stored state, re-reading on conflicts; null when the alert is gone.</summary>
    public async Task UpdateAsync(string alertId, Action<AlertStateEntity> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GetAsync(alertId, cancellationToken) is not { } state)
            {
                return;
            }

            change(state);
            if (await TrySaveAsync(state, cancellationToken))
            {
                return;
            }
        }
    }
}
