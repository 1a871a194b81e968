using System.Globalization;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>Reads of stored columns whose type the service may report as Int32 or Int64.</summary>
internal static class EntityValues
{
    /// <summary>The column as a long; null when it is missing or not an integer.</summary>
    public static long? Int64(TableEntity row, string column) =>
        row.TryGetValue(column, out var value) && value is long or int ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
}
