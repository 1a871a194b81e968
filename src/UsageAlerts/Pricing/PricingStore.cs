using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;

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

    public static TableEntity RatesEntity(DateOnly day, IReadOnlyList<UnitRate> rates) => Entity(Rates, day, rates);

    public static TableEntity EstimateEntity(DayEstimate estimate) => Entity(Estimates, estimate.Day, estimate);

    /// <summary>Where rates and estimates are written: a batch per month partition, sent as soon as it is full.</summary>
    public async Task<GatheredUpserts> WriterAsync(CancellationToken cancellationToken) =>
        new(await tables.GetAsync(TableName.Pricing, cancellationToken));

    /// <summary>Every day's learned rates in [from, to], by day.</summary>
    public async Task<SortedDictionary<DateOnly, IReadOnlyList<UnitRate>>> RatesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var found = new SortedDictionary<DateOnly, IReadOnlyList<UnitRate>>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {RollupRows.Partition(Rates, month)} and RowKey ge {RollupRows.DayRow(from)} and RowKey le {RollupRows.DayRow(to)}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (Read<List<UnitRate>>(entity) is { } rates)
                {
                    found[RollupRows.DayOf(entity.RowKey)] = rates;
                }
            }
        }

        return found;
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

    private static TableEntity Entity<T>(string kind, DateOnly day, T value)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, value, Json);
        }

        return RollupRows.Entity(kind, day, RollupRows.DayRow(day), buffer.ToArray(), groups: 0);
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
