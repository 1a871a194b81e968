using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage;

/// <summary>OData filters for the summaries' reads; every value goes through the SDK's escaping.</summary>
internal static class StorageFilters
{
    /// <summary>The day partitions of one stream over a range: an ordered, bounded run of partitions.</summary>
    public static string DayPartitions(string stream, SummaryRange range) => TableClient.CreateQueryFilter(
        $"PartitionKey ge {UsageRows.Partition(stream, Periods.Midnight(range.From))} and PartitionKey lt {UsageRows.Partition(stream, Periods.Midnight(range.To))}");

    /// <summary>
    /// Narrows a read to the filter's values of one column where storage can tell (saves transfer; the aggregation
    /// still checks every row).
    /// </summary>
    public static string And(string filter, string column, IReadOnlySet<string>? values) =>
        values is null
            ? filter
            : $"{filter} and ({string.Join(" or ", values.Order(StringComparer.Ordinal).Select(v => column + " eq " + TableClient.CreateQueryFilter($"{v}")))})";
}
