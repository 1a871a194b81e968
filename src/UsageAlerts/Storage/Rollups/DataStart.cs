using Azure.Data.Tables;
using UsageAlerts.Ingestion;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// The first day of stored costs. Ingestion writes a day pack for every daily bucket it stores, empty days included,
/// so the stream's first pack is where its history begins (a fresh backfill's first day); days stored before packs
/// existed have rows only, so the first row counts too. A comparison against a period before that day would compare
/// with days never read, not with days without spend.
/// </summary>
internal sealed class DataStart(TableStore tables, ListingMemo memo)
{
    /// <summary>One reference, so concurrent requests never see a torn pair.</summary>
    private volatile Known? _known;

    /// <summary>
    /// Two one-entity queries, at the same time: partitions sort by day (rows) or month (packs) after the stream's
    /// name, and the table returns entities in key order, so the first entity of each is the stream's first day.
    /// Null when the stream has nothing stored. Remembered like a listing (<see cref="ListingMemo"/>): the first day
    /// moves only when a backfill reaches further back or clean-up expires old days.
    /// </summary>
    public async Task<DateOnly?> FirstCostDayAsync(CancellationToken cancellationToken)
    {
        if (_known is { } known && memo.IsFresh(known.Stamp))
        {
            return known.Day;
        }

        var stamp = memo.Stamp();
        var day = await ReadAsync(StreamCatalog.CostsStreamName, cancellationToken);
        _known = new Known(day, stamp);
        return day;
    }

    private async Task<DateOnly?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        var packs = FirstAsync(TableName.Rollups, stream, ["PartitionKey", "RowKey"], RollupRows.FirstDay, cancellationToken);
        var rows = FirstAsync(TableName.Costs, stream, [UsageRows.BucketStart], row => Periods.Day(row.GetDateTimeOffset(UsageRows.BucketStart)!.Value), cancellationToken);
        DateOnly?[] first = [await packs, await rows];
        return first.Where(d => d is not null).Min();
    }

    private async Task<DateOnly?> FirstAsync(TableName name, string stream, string[] select, Func<TableEntity, DateOnly> day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(name, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {stream + KeyEncoder.Separator} and PartitionKey lt {stream + (char)(KeyEncoder.Separator + 1)}");

        // The service may answer with an empty page and a continuation, hence the loop; the first entity ends it.
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: select, cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return day(page.Values[0]);
            }
        }

        return null;
    }

    private sealed record Known(DateOnly? Day, ListingStamp Stamp);
}
