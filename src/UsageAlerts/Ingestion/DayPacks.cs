using Azure.Data.Tables;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage.Rollups;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// The pack of a stored daily bucket, written by ingestion together with the bucket's rows so the pack always says
/// what the rows say (a re-polled bucket replaces both).
/// </summary>
internal static class DayPacks
{
    public static bool Applies(StreamDefinition stream) => stream.Width == BucketWidth.Day;

    public static TableEntity For(StreamDefinition stream, StoredBucket bucket)
    {
        var builder = new PackBuilder(usage: stream.Kind is not null);
        foreach (var row in bucket.Rows)
        {
            if (stream.Kind is { } kind)
            {
                builder.Add(StoredRecords.Usage(kind.Name, row));
            }
            else
            {
                builder.Add(StoredRecords.Cost(row));
            }
        }

        var day = Periods.Day(bucket.Start);
        return RollupRows.Entity(stream.KeyPrefix, day, RollupRows.DayRow(day), builder.Encode(), builder.Groups);
    }
}
