using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage;

/// <summary>Stored rows (daily, or monthly rollups with the same columns) as the records the aggregation reads.</summary>
internal static class StoredRecords
{
    public static readonly string[] CostColumns = [CostRows.BucketStart, CostRows.ProjectId, CostRows.LineItem, CostRows.ApiKeyId, CostRows.AmountUsd];

    public static UsageRecord Usage(string kind, TableEntity row)
    {
        var metrics = new List<KeyValuePair<string, long>>(8);
        foreach (var (column, value) in row)
        {
            // Dimensions are strings and times are DateTimeOffset: every integer column is a metric.
            if (value is long or int)
            {
                metrics.Add(new(column, Convert.ToInt64(value, CultureInfo.InvariantCulture)));
            }
        }

        return new UsageRecord(Periods.Midnight(Day(row)), kind, row.GetString(UsageRows.ProjectId), row.GetString(UsageRows.Model), row.GetString(UsageRows.ApiKeyId), metrics);
    }

    public static CostRecord Cost(TableEntity row) =>
        new(Day(row), row.GetString(CostRows.ProjectId), row.GetString(CostRows.LineItem), row.GetString(CostRows.ApiKeyId), CostRows.ParseAmount(row.GetString(CostRows.AmountUsd)));

    private static DateOnly Day(TableEntity row) =>
        Periods.Day(row.GetDateTimeOffset(UsageRows.BucketStart) ?? throw new InvalidOperationException($"Row {row.PartitionKey}/{row.RowKey} has no {UsageRows.BucketStart}."));
}
