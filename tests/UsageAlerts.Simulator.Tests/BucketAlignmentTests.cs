using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class BucketAlignmentTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;

    [Fact]
    public async Task Daily_buckets_align_to_midnight_but_start_at_start_time_and_end_at_now()
    {
        var start = Unix(Now.AddDays(-3).AddHours(-5).AddMinutes(-17).AddSeconds(-9));

        var buckets = (await _sim.GetJsonAsync($"organization/usage/completions?start_time={start}")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(4, buckets.Count);
        Assert.Equal(start, buckets[0].GetProperty("start_time").GetInt64());
        Assert.Equal((start / 86_400 + 1) * 86_400, buckets[0].GetProperty("end_time").GetInt64());
        Assert.All(buckets.Skip(1), b => Assert.Equal(0, b.GetProperty("start_time").GetInt64() % 86_400));
        Assert.Equal(Unix(Now), buckets[^1].GetProperty("end_time").GetInt64());
        Assert.All(buckets.Skip(1), (b, i) => Assert.Equal(buckets[i].GetProperty("end_time").GetInt64(), b.GetProperty("start_time").GetInt64()));
    }

    [Fact]
    public async Task The_last_bucket_ends_at_end_time_and_nothing_comes_after_now()
    {
        var start = Unix(Now.AddDays(-2).Date);
        var pastEnd = Unix(Now.AddHours(-30).AddMinutes(-7));
        var futureEnd = Unix(Now.AddDays(3));

        var past = (await _sim.GetJsonAsync($"organization/usage/embeddings?start_time={start}&end_time={pastEnd}&bucket_width=1h&limit=168")).GetProperty("data").EnumerateArray().ToList();
        var future = (await _sim.GetJsonAsync($"organization/usage/embeddings?start_time={start}&end_time={futureEnd}&bucket_width=1h&limit=168")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(pastEnd, past[^1].GetProperty("end_time").GetInt64());
        Assert.All(past.SkipLast(1), b => Assert.Equal(0, b.GetProperty("end_time").GetInt64() % 3600));
        Assert.Equal(Unix(Now), future[^1].GetProperty("end_time").GetInt64());
        Assert.All(future, b => Assert.True(b.GetProperty("start_time").GetInt64() < Unix(Now)));
    }

    [Fact]
    public async Task Days_before_the_history_come_back_as_empty_buckets()
    {
        var start = Unix(Now.AddDays(-60).Date);

        var buckets = (await _sim.GetJsonAsync($"organization/usage/completions?start_time={start}&limit=31")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(31, buckets.Count);
        Assert.Empty(buckets[0].GetProperty("results").EnumerateArray());
        Assert.Empty(buckets[13].GetProperty("results").EnumerateArray());
        Assert.NotEmpty(buckets[20].GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task A_start_time_at_or_after_now_gives_an_empty_last_page()
    {
        var page = await _sim.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now)}");

        Assert.Empty(page.GetProperty("data").EnumerateArray());
        Assert.False(page.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Minute_buckets_count_a_minute_where_it_starts()
    {
        var start = Unix(Now.AddMinutes(-10)) + 20;

        var buckets = (await _sim.GetJsonAsync($"organization/usage/completions?start_time={start}&bucket_width=1m")).GetProperty("data").EnumerateArray().ToList();

        Assert.Equal((start, (start / 60 + 1) * 60), (buckets[0].GetProperty("start_time").GetInt64(), buckets[0].GetProperty("end_time").GetInt64()));
        Assert.Empty(buckets[0].GetProperty("results").EnumerateArray());
        Assert.Equal(Unix(Now), buckets[^1].GetProperty("end_time").GetInt64());
        Assert.Empty(buckets[^1].GetProperty("results").EnumerateArray());
        Assert.NotEmpty(buckets[^2].GetProperty("results").EnumerateArray());
    }
}
