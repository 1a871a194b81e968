using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Ingestion;

public sealed class BucketSourceTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static StreamDefinition Costs(DateTimeOffset? _ = null) =>
        new(StreamCatalog.CostsStreamName, StreamSource.Costs, null, BucketWidth.Day, ["project_id", "line_item", "api_key_id"], TimeSpan.FromDays(30), TimeSpan.FromDays(3), true);

    [Fact]
    public void Results_of_one_group_in_one_bucket_are_summed_not_overwritten()
    {
        var stream = new StreamDefinition("completions.1d", StreamSource.Usage, UsageKind.Completions, BucketWidth.Day, ["project_id", "model"], TimeSpan.FromDays(1), TimeSpan.Zero, true);
        var dims = new UsageDimensions("proj_a", "gpt-4o");
        var bucket = new Bucket<UsageResult>(Day, Day.AddDays(1),
        [
            new UsageResult("completions", dims with { Batch = "true" }, new Dictionary<string, long> { ["input_tokens"] = 5 }),
            new UsageResult("completions", dims with { Batch = "false" }, new Dictionary<string, long> { ["input_tokens"] = 7, ["output_tokens"] = 1 }),
        ]);

        var stored = UsageBucketSource.ToStored(stream, bucket);

        var row = Assert.Single(stored.Rows);
        Assert.Equal(12, row.GetInt64("input_tokens"));
        Assert.Equal("completions.1d|20261122", row.PartitionKey);
        Assert.StartsWith("0000|proj_a|gpt-4o|~", row.RowKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_amounts_of_one_group_add_up_exactly()
    {
        var bucket = new Bucket<CostResult>(Day, Day.AddDays(1),
        [
            new CostResult(0.13080438340307526m, "usd", "gpt-4o, input", "proj_a", null, 10, "tokens"),
            new CostResult(0.00000000000000001m, "usd", "gpt-4o, input", "proj_a", null, 5, "tokens"),
        ]);

        var row = Assert.Single(CostBucketSource.ToStored(Costs(), bucket).Rows);

        Assert.Equal(0.13080438340307527m, CostRows.ParseAmount(row.GetString(CostRows.AmountUsd)));
        Assert.Equal("15", row.GetString(CostRows.Quantity));
    }
}
