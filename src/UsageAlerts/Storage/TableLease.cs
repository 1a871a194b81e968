using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// A named lease in Table Storage, taken with a conditional write, so that work which must not run twice at once
/// (an evaluation: its claims and its grouped messages belong together) runs in one instance at a time. A holder
/// that dies leaves a lease that simply expires.
/// </summary>
internal sealed class TableLease(TableStore tables, TimeProvider timeProvider)
{
    private const string Partition = "lease";

    /// <summary>The holder's token when the lease was taken; null when someone else holds it.</summary>
    public async Task<string?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        if (current.HasValue && current.Value!.GetDateTimeOffset("Until") > now)
        {
            return null;
        }

        var token = Guid.NewGuid().ToString("N");
        var lease = new TableEntity(Partition, name) { ["Holder"] = token, ["Until"] = now + duration };
        try
        {
            if (current.HasValue)
            {
                await table.UpdateEntityAsync(lease, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.AddEntityAsync(lease, cancellationToken);
            }

            return token;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return null;
        }
    }

    public async Task ReleaseAsync(string name, string token, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        if (current.HasValue && current.Value!.GetString("Holder") == token)
        {
            current.Value["Until"] = timeProvider.GetUtcNow();
            try
            {
                await table.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Taken over after expiry by another instance: theirs now.
            }
        }
    }
}
