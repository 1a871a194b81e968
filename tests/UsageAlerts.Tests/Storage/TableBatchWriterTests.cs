using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Storage;

public sealed class TableBatchWriterTests
{
    private static TableTransactionAction Upsert(string pk, string rk, string? payload = null) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, rk) { ["Payload"] = payload ?? "x" });

    [Fact]
    public void Batches_hold_one_partition_and_at_most_one_hundred_actions()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Upsert("p1", $"r{i:D3}"))
            .Concat(Enumerable.Range(0, 30).Select(i => Upsert("p2", $"r{i:D3}")));

        var batches = TableBatchWriter.Plan(actions).ToList();

        Assert.Equal(4, batches.Count);
        Assert.All(batches, b => Assert.Single(b.Select(a => a.Entity.PartitionKey).Distinct()));
        Assert.All(batches, b => Assert.True(b.Count <= 100));
        Assert.Equal(280, batches.Sum(b => b.Count));
    }

    [Fact]
    public void The_same_key_twice_is_sent_once_with_the_last_value()
    {
        var batches = TableBatchWriter.Plan([Upsert("p", "r", "old"), Upsert("p", "r", "new")]).ToList();

        var only = Assert.Single(Assert.Single(batches));
        Assert.Equal("new", ((TableEntity)only.Entity)["Payload"]);
    }

    [Fact]
    public void Large_entities_split_a_batch_before_the_size_limit()
    {
        var big = new string('b', 30_000);
        var actions = Enumerable.Range(0, 100).Select(i => Upsert("p", $"r{i:D3}", big));

        var batches = TableBatchWriter.Plan(actions).ToList();

        Assert.True(batches.Count >= 2);
        Assert.All(batches, b => Assert.True(b.Sum(a => TableBatchWriter.EstimateBytes(a.Entity)) <= 3 * 1024 * 1024));
    }
}
