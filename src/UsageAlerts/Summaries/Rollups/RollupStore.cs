using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Rollups;

/// <summary>
/// Builds a sealed month's rollup on first use: reads the month's daily rows once, sums them per group, writes the
/// sums and then the marker. A build cut short leaves no marker and is simply redone (upserts of the same sums).
/// Sealed months never change, so a built month is remembered for the life of the process.
/// </summary>
internal sealed class RollupStore(TableStore tables, TimeProvider timeProvider, ILogger<RollupStore> logger)
{
    private static readonly string[] Dimensions = [UsageRows.ProjectId, UsageRows.Model, UsageRows.ApiKeyId, CostRows.LineItem, CostRows.Currency];
    private readonly ConcurrentDictionary<string, Lazy<Task>> _built = new(StringComparer.Ordinal);

    public async Task EnsureAsync(string stream, bool usage, DateOnly month, CancellationToken cancellationToken)
    {
        var partition = RollupRows.Partition(stream, month);
        var build = _built.GetOrAdd(partition, _ => new Lazy<Task>(() => BuildIfMissingAsync(stream, usage, month, partition, cancellationToken)));
        try
        {
            await build.Value;
        }
        catch
        {
            // A failed or cancelled build must be tried again by the next request, not remembered.
            _built.TryRemove(new KeyValuePair<string, Lazy<Task>>(partition, build));
            throw;
        }
    }

    private async Task BuildIfMissingAsync(string stream, bool usage, DateOnly month, string partition, CancellationToken cancellationToken)
    {
        var rollups = await tables.GetAsync(TableName.Rollups, cancellationToken);
        if ((await rollups.GetEntityIfExistsAsync<TableEntity>(partition, RollupRows.Marker, cancellationToken: cancellationToken)).HasValue)
        {
            return;
        }

        var source = await tables.GetAsync(usage ? TableName.Usage : TableName.Costs, cancellationToken);
        var groups = new Dictionary<string, (TableEntity Row, decimal Amount)>(StringComparer.Ordinal);
        long rows = 0;
        await foreach (var row in source.QueryAsync<TableEntity>(StorageFilters.DayPartitions(stream, new SummaryRange(month, month.AddMonths(1))), cancellationToken: cancellationToken))
        {
            rows++;
            var key = RollupRows.Group(row.RowKey, usage);
            if (!groups.TryGetValue(key, out var total))
            {
                total = (new TableEntity(partition, key) { [UsageRows.BucketStart] = Periods.Midnight(month), [UsageRows.BucketEnd] = Periods.Midnight(month.AddMonths(1)) }, 0m);
                foreach (var column in Dimensions)
                {
                    total.Row.SetIfNotNull(column, row.GetString(column));
                }
            }

            foreach (var (column, value) in row)
            {
                if (usage && value is long or int)
                {
                    total.Row[column] = (total.Row.GetInt64(column) ?? 0) + Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            groups[key] = usage ? total : (total.Row, total.Amount + CostRows.ParseAmount(row.GetString(CostRows.AmountUsd)));
        }

        var sums = groups.Values.Select(g =>
        {
            if (!usage)
            {
                g.Row[CostRows.AmountUsd] = CostRows.FormatAmount(g.Amount);
            }

            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, g.Row);
        });
        await TableBatchWriter.SubmitAsync(rollups, sums, cancellationToken);
        var marker = new TableEntity(partition, RollupRows.Marker) { [RollupRows.SourceRows] = rows, [RollupRows.BuiltAt] = timeProvider.GetUtcNow() };
        await rollups.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken);
        SummariesLog.RollupBuilt(logger, partition, rows, groups.Count);
    }
}
