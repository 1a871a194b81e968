using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Notifications;

internal sealed class ReceiverStore(TableStore tables)
{
    public async Task<ReceiverStateEntity> GetAsync(string receiver, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ReceiverStateEntity>(ReceiverStateEntity.Partition, KeyEncoder.Segment(receiver), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new ReceiverStateEntity { RowKey = KeyEncoder.Segment(receiver) };
    }

    public async Task<IReadOnlyList<ReceiverStateEntity>> GetAllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var states = new List<ReceiverStateEntity>();
        await foreach (var state in table.QueryAsync<ReceiverStateEntity>(s => s.PartitionKey == ReceiverStateEntity.Partition, cancellationToken: cancellationToken))
        {
            states.Add(state);
        }

        return states;
    }

    /// <summary>Last writer wins: receiver health is informational and every run rewrites it from what it saw.</summary>
    public async Task SaveAsync(ReceiverStateEntity state, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        await table.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);
    }
}
