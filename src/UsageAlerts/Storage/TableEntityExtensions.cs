using Azure.Data.Tables;

namespace UsageAlerts.Storage;

internal static class TableEntityExtensions
{
    /// <summary>Null dimensions are left out of the row rather than stored as empty strings.</summary>
    public static void SetIfNotNull(this TableEntity row, string column, string? value)
    {
        if (value is not null)
        {
            row[column] = value;
        }
    }
}
