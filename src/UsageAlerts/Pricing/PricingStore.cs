using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Rollups;

namespace UsageAlerts.Pricing;

/// <summary>
/// The pricing table: per day, the rates learned from its bill (partition <c>rates|yyyyMM</c>) and what its estimate
/// found (partition <c>estimate|yyyyMM</c>), both as compressed JSON split over binary columns like the packs.
/// </summary>
internal sealed class PricingStore(TableStore tables)
{
    private const string Rates = "rates";
    private const string Estimates = "estimate";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveRatesAsync(DateOnly day, IReadOnlyList<UnitRate> rates, CancellationToken cancellationToken) =>
        SaveAsync(Rates, day, rates, cancellationToken);

    public Task SaveEstimateAsync(DayEstimate estimate, CancellationToken cancellationToken) =>
        SaveAsync(Estimates, estimate.Day, estimate, cancellationToken);

    /// <summary>The newest rates learned on or before <paramref name="day"/> and no older than <paramref name="oldest"/>.</summary>
    public async Task<(DateOnly Day, IReadOnlyList<UnitRate> Rates)?> LatestRatesAsync(DateOnly day, DateOnly oldest, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        for (var month = new DateOnly(day.Year, day.Month, 1); month >= new DateOnly(oldest.Year, oldest.Month, 1); month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {RollupRows.Partition(Rates, month)} and RowKey le {RollupRows.DayRow(day)} and RowKey ge {RollupRows.DayRow(oldest)}");
            TableEntity? latest = null;
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                latest = entity;
            }

            if (latest is not null && Read<List<UnitRate>>(latest) is { } rates)
            {
                return (RollupRows.DayOf(latest.RowKey), rates);
            }
        }

        return null;
    }

    /// <summary>The estimates of the days in [from, to), for summary notes and health.</summary>
    public async Task<IReadOnlyList<DayEstimate>> EstimatesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var found = new List<DayEstimate>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month < to; month = month.AddMonths(1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {RollupRows.Partition(Estimates, month)} and RowKey ge {RollupRows.DayRow(from)} and RowKey lt {RollupRows.DayRow(to)}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (Read<DayEstimate>(entity) is { } estimate)
                {
                    found.Add(estimate);
                }
            }
        }

        return found;
    }

    private async Task SaveAsync<T>(string kind, DateOnly day, T value, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, value, Json);
        }

        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var entity = RollupRows.Entity(kind, day, RollupRows.DayRow(day), buffer.ToArray(), groups: 0);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static T? Read<T>(TableEntity entity)
        where T : class
    {
        if (RollupRows.Pack(entity) is not { Length: > 0 } data)
        {
            return null;
        }

        using var zip = new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(zip, Json);
    }
}
