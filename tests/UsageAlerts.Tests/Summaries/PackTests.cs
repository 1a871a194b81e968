using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class PackTests
{
    private static readonly DateOnly Day = D("2026-11-05");

    [Fact]
    public void Usage_groups_come_back_summed_with_nulls_and_every_metric()
    {
        var builder = new PackBuilder(usage: true);
        builder.Add(new UsageRecord(Periods.Midnight(Day), "completions", "proj_a", "gpt-4o", "key_1", [new("input_tokens", 5), new("num_model_requests", 1)]));
        builder.Add(new UsageRecord(Periods.Midnight(Day), "completions", "proj_a", "gpt-4o", "key_1", [new("input_tokens", long.MaxValue - 10), new("new_metric", 7)]));
        builder.Add(new UsageRecord(Periods.Midnight(Day), "completions", null, "modèle ✓", null, [new("input_tokens", 0)]));

        var (usage, costs) = PackDecoder.Decode(builder.Encode(), Day, "completions");

        Assert.Empty(costs);
        Assert.Equal(2, usage.Count);
        var first = usage.Single(u => u.ProjectId == "proj_a");
        Assert.Equal(("gpt-4o", "key_1", Day, "completions"), (first.Model, first.ApiKeyId, first.Day, first.Kind));
        Assert.Equal(new Dictionary<string, long> { ["input_tokens"] = long.MaxValue - 5, ["num_model_requests"] = 1, ["new_metric"] = 7 }, first.Metrics.ToDictionary());
        var orphan = usage.Single(u => u.ProjectId is null);
        Assert.Equal(("modèle ✓", (string?)null), (orphan.Model, orphan.ApiKeyId));
    }

    [Fact]
    public void Cost_amounts_keep_every_digit_and_sign()
    {
        var builder = new PackBuilder(usage: false);
        builder.Add(new CostRecord(Day, "proj_a", "gpt-4o, input", "key_1", 0.12345678901234567m));
        builder.Add(new CostRecord(Day, "proj_a", "gpt-4o, input", "key_1", 1.00000000000000001m));
        builder.Add(new CostRecord(Day, null, "evals | o3, input", null, -0.5m));

        var (usage, costs) = PackDecoder.Decode(builder.Encode(), Day, kind: null);

        Assert.Empty(usage);
        Assert.Equal(1.12345678901234568m, costs.Single(c => c.ProjectId == "proj_a").AmountUsd);
        Assert.Equal(-0.5m, costs.Single(c => c.ProjectId is null).AmountUsd);
        Assert.Equal("o3", costs.Single(c => c.ProjectId is null).Model);
    }

    [Fact]
    public void A_pack_read_as_the_wrong_stream_is_an_error_not_wrong_numbers()
    {
        var builder = new PackBuilder(usage: false);
        builder.Add(new CostRecord(Day, "proj_a", "x", null, 1m));

        Assert.Throws<InvalidDataException>(() => PackDecoder.Decode(builder.Encode(), Day, "completions"));
    }

    [Fact]
    public void Packs_over_64_KiB_are_split_across_columns_and_joined_back()
    {
        var pack = new byte[(3 * 64 * 1024) + 5];
        new Random(7).NextBytes(pack);

        var entity = RollupRows.Entity("completions.1d", Day, RollupRows.DayRow(Day), pack, groups: 9);

        Assert.Equal("completions.1d|202611", entity.PartitionKey);
        Assert.Equal("20261105", entity.RowKey);
        Assert.Equal(4, entity.Keys.Count(k => k.StartsWith("Data", StringComparison.Ordinal)));
        Assert.Equal(pack, RollupRows.Pack(entity));
    }

    [Fact]
    public void A_pack_too_big_for_one_entity_is_marked_so_readers_use_the_daily_rows()
    {
        var entity = RollupRows.Entity("costs.1d", Day, RollupRows.MonthRow, new byte[15 * 64 * 1024], groups: 1);

        Assert.Null(RollupRows.Pack(entity));
        Assert.DoesNotContain(entity.Keys, k => k.StartsWith("Data", StringComparison.Ordinal));
    }
}
