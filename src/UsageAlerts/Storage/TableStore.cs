using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Storage;

/// <summary>
/// Hands out table clients, creating each table once per process on first use.
/// </summary>
internal sealed class TableStore(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<TableName, Lazy<Task<TableClient>>> _tables = new();

    public Task<TableClient> GetAsync(TableName table, CancellationToken cancellationToken = default) =>
        _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name, cancellationToken))).Value;

    public string FullName(TableName table) => FullName(options.Value.TablePrefix, table);

    public static string FullName(string prefix, TableName table) => prefix + table.ToString();

    private async Task<TableClient> CreateAsync(TableName table, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(FullName(table));
        try
        {
            await client.CreateIfNotExistsAsync(cancellationToken);
        }
        catch
        {
            // A failed creation must be retried on the next call, not cached forever.
            _tables.TryRemove(table, out _);
            throw;
        }

        return client;
    }
}
