using Azure.Data.Tables;

namespace UsageAlerts.Ingestion;

/// <summary>Whether a row read back from the table already holds exactly what is about to be written.</summary>
internal static class StoredRow
{
    /// <summary>
    /// Same properties with the same values, compared by value whatever type the table returns them as. Any doubt (another type, an extra property) counts as
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

            if (!wanted.TryGetValue(name, out var expected) || !Equals(Comparable(expected), Comparable(value)))
            {
                return false;
            }

            compared++;
        }

        return compared == wanted.Keys.Count(name => !IsSystem(name));
    }

    /// <summary>Dates may come back as <see cref="DateTime"/> (UTC) and small integers as int.</summary>
    private static object? Comparable(object? value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        int number => (long)number,
        _ => value,
    };

    private static bool IsSystem(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains("@odata.", StringComparison.Ordinal);
}
