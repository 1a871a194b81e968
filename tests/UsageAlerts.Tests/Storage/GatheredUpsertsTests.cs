using Azure.Data.Tables;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Storage;

public sealed class GatheredUpsertsTests
{
    private static async Task<TableClient> TableAsync()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Azurite.UniquePrefix("gathered"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_full_batch_is_sent_at_once_and_the_rest_on_flush_in_the_transactions_one_gathered_write_takes()
    {
        var table = await TableAsync();
        var writes = new GatheredUpserts(table);
        var entities = Enumerable.Range(0, 250).Select(i => new TableEntity("p1", $"r{i:D3}") { ["Payload"] = "x" })
            .Concat(Enumerable.Range(0, 30).Select(i => new TableEntity("p2", $"r{i:D3}") { ["Payload"] = "x" })).ToList();

        foreach (var entity in entities.Take(101))
        {
            await writes.AddAsync(entity, CancellationToken.None);
        }

        // The 101st entity of p1 sent its first hundred; nothing else is held beyond one batch.
        Assert.Equal(1, writes.Transactions);
        Assert.Equal(100, (await RowsAsync(table)).Count);

        foreach (var entity in entities.Skip(101))
        {
            await writes.AddAsync(entity, CancellationToken.None);
        }

        await writes.FlushAsync(CancellationToken.None);

        Assert.Equal(280, (await RowsAsync(table)).Count);
        Assert.Equal(TableBatchWriter.Plan(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))).Count(), writes.Transactions);
    }

    [Fact]
    public async Task A_row_written_twice_before_it_is_sent_keeps_the_last_value()
    {
        var table = await TableAsync();
        var writes = new GatheredUpserts(table);

        await writes.AddAsync(new TableEntity("p", "r") { ["Payload"] = "old" }, CancellationToken.None);
        await writes.AddAsync(new TableEntity("p", "r") { ["Payload"] = "new" }, CancellationToken.None);
        await writes.FlushAsync(CancellationToken.None);

        var only = Assert.Single(await RowsAsync(table));
        Assert.Equal("new", only.GetString("Payload"));
        Assert.Equal(1, writes.Transactions);
    }
}
