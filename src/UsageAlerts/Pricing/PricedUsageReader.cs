using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Pricing;

/// <summary>
/// Reads one day of every daily usage stream from its rows, which keep batch and service tier apart (the day packs
/// sum them per key). One partition query per stream.
/// </summary>
internal sealed class PricedUsageReader(StreamCatalog catalog, TableStore tables)
{
    public async Task<IReadOnlyList<PricedUsage>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var rows = new List<PricedUsage>();
        foreach (var stream in catalog.Usage.Where(s => s.Width == BucketWidth.Day))
        {
            var partition = UsageRows.Partition(stream.KeyPrefix, Periods.Midnight(day));
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (column, value) in row)
                {
                    if (value is long or int)
                    {
                        metrics[column] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    }
                }

                rows.Add(new PricedUsage(
                    stream.Kind!.Name,
                    row.GetString(UsageRows.ProjectId),
                    row.GetString(UsageRows.Model),
                    row.GetString(UsageRows.ApiKeyId),
                    row.GetString(UsageRows.Batch),
                    row.GetString(UsageRows.ServiceTier),
                    row.GetString(UsageRows.Size),
                    row.GetString(UsageRows.ContextLevel),
                    metrics));
            }
        }

        return rows;
    }
}
