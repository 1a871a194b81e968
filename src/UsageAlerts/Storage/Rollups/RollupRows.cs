using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Layout of the rollups table. A partition is one stream's month (<c>completions.1d|202610</c>); a row is a pack of
/// one day (<c>20261005</c>, written by ingestion with the day's rows) or of the whole month (<see cref="MonthRow"/>,
/// built on first use once the month is sealed). A pack is stored in <see cref="ChunkedColumns"/>; a pack too big
/// for one entity is stored as a marker without data, and readers fall back to the daily rows.
/// </summary>
internal static class RollupRows
{
    /// <summary>Sorts after every day row, so a day range never includes it.</summary>
    public const string MonthRow = "month";
    public const string Groups = nameof(Groups);
    public const string Oversized = ChunkedColumns.Oversized;

    public static string Partition(string stream, DateOnly day) =>
        $"{stream}{KeyEncoder.Separator}{day.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

    public static string DayRow(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly DayOf(string row) => DateOnly.ParseExact(row, "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The first day an entity covers: its day, or the first of its partition's month for a month pack.</summary>
    public static DateOnly FirstDay(TableEntity entity) =>
        entity.RowKey == MonthRow
            ? DateOnly.ParseExact(entity.PartitionKey[(entity.PartitionKey.LastIndexOf(KeyEncoder.Separator) + 1)..] + "01", "yyyyMMdd", CultureInfo.InvariantCulture)
            : DayOf(entity.RowKey);

    public static TableEntity Entity(string stream, DateOnly day, string row, byte[] pack, int groups)
    {
        var entity = new TableEntity(Partition(stream, day), row) { [Groups] = groups };
        ChunkedColumns.Write(entity, pack);
        return entity;
    }

    /// <summary>The pack an entity holds, or null when it was too big to store.</summary>
    public static byte[]? Pack(TableEntity entity) => ChunkedColumns.Read(entity);
}
