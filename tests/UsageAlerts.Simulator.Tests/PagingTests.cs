using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class PagingTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;

    [Theory]
    [InlineData("organization/usage/completions", "1d", 3, 10 * 86_400, 11)]
    [InlineData("organization/usage/completions", "1h", 50, 5 * 86_400, 120 + 15)]
    [InlineData("organization/usage/moderations", "1m", 700, 86_400, 1440 + 878)]
    [InlineData("organization/costs", "1d", 5, 12 * 86_400, 13)]
    public async Task Pages_hold_limit_buckets_and_cursors_continue_where_the_last_page_ended(string path, string width, int limit, long span, int expectedBuckets)
    {
        var start = Unix(Now.Date) - span;
        var query = $"{path}?start_time={start}&bucket_width={width}&limit={limit}";
        var page = await _sim.GetJsonAsync(query);
        var buckets = new List<long>();
        var pages = 0;
        while (true)
        {
            pages++;
            var data = page.GetProperty("data").EnumerateArray().ToList();
            Assert.True(data.Count <= limit);
            buckets.AddRange(data.Select(b => b.GetProperty("start_time").GetInt64()));
            if (!page.GetProperty("has_more").GetBoolean())
            {
                break;
            }

            Assert.Equal(limit, data.Count);
            var cursor = page.GetProperty("next_page").GetString()!;
            Assert.StartsWith("page_", cursor, StringComparison.Ordinal);
            page = await _sim.GetJsonAsync($"{query}&page={Uri.EscapeDataString(cursor)}");
            Assert.Equal(data[^1].GetProperty("end_time").GetInt64(), page.GetProperty("data")[0].GetProperty("start_time").GetInt64());
        }

        Assert.Equal(expectedBuckets, buckets.Count);
        Assert.Equal((expectedBuckets + limit - 1) / limit, pages);
        Assert.Equal(buckets.Distinct().Count(), buckets.Count);
    }

    [Theory]
    [InlineData("1d", 7)]
    [InlineData("1h", 24)]
    [InlineData("1m", 60)]
    public async Task Default_limits_follow_the_bucket_width(string width, int expected)
    {
        var page = await _sim.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now.AddDays(-40))}&bucket_width={width}");

        Assert.Equal(expected, page.GetProperty("data").GetArrayLength());
        Assert.True(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Costs_default_to_seven_daily_buckets()
    {
        var page = await _sim.GetJsonAsync($"organization/costs?start_time={Unix(Now.AddDays(-20))}");

        Assert.Equal(7, page.GetProperty("data").GetArrayLength());
    }
}
