using Azure.Data.Tables;

namespace UsageAlerts.Ingestion;

/// <summary>Whether a row read back from the table already holds exactly what is about to be written.</summary>
internal static class StoredRow
{
    /// <summary>
    /// Same properties with the same values, compared by type as the table returns them (an Int64 comes back as
    /// long, a date as <see cref="DateTimeOffset"/>). Any doubt (another type, an extra property) counts as
    /// different: a needless write costs a transaction, a skipped one would lose a revision.
    /// </summary>
    public static bool Equal(TableEntity wanted, TableEntity stored)
    {
        var compared = 0;
        foreach (var (name, value) in stored)
        {
            if (IsSystem(name))
            {
                continue;
            }

            if (!wanted.TryGetValue(name, out var expected) || !Equals(expected, value))
            {
                return false;
            }

            compared++;
        }

        return compared == wanted.Keys.Count(name => !IsSystem(name));
    }

    private static bool IsSystem(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains("@odata.", StringComparison.Ordinal);
}
