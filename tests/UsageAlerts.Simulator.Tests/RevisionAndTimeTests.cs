using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

public sealed class RevisionAndTimeTests
{
    [Fact]
    public async Task Revision_raises_the_recent_window_only_and_the_api_follows()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var org = sim.Organization;
        var recent = Tokens(org, Now.AddHours(-24), Now);
        var older = Tokens(org, Now.AddDays(-10), Now.AddDays(-5));
        var olderCost = org.Costs(Now.AddDays(-10), Now.AddDays(-5)).Sum(r => r.AmountUsd);

        org.RevisionEpoch = 2;
        var revised = Tokens(org, Now.AddHours(-24), Now);
        var buckets = await sim.GetAllBucketsAsync($"organization/usage/completions?start_time={Unix(Now.AddHours(-24))}&bucket_width=1h&group_by=project_id");

        Assert.Equal(older, Tokens(org, Now.AddDays(-10), Now.AddDays(-5)));
        Assert.Equal(olderCost, org.Costs(Now.AddDays(-10), Now.AddDays(-5)).Sum(r => r.AmountUsd));
        Assert.InRange(revised / (double)recent, 1.095, 1.1);
        Assert.Equal(revised, buckets.Results().Sum(r => r.GetProperty("input_tokens").GetInt64()));

        org.RevisionEpoch = 0;
        Assert.Equal(recent, Tokens(org, Now.AddHours(-24), Now));
    }

    [Fact]
    public async Task Past_minutes_keep_their_values_as_the_clock_advances_and_new_minutes_appear()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var org = sim.Organization;
        var pastHour = Tokens(org, Now.AddHours(-3), Now.AddHours(-2));
        var lastMinutes = await sim.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now.AddMinutes(-10))}&bucket_width=1m");

        sim.Time.Advance(TimeSpan.FromMinutes(90));
        var later = await sim.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now.AddMinutes(-10))}&end_time={Unix(Now)}&bucket_width=1m");

        Assert.Equal(pastHour, Tokens(org, Now.AddHours(-3), Now.AddHours(-2)));
        Assert.True(Tokens(org, Now, Now.AddMinutes(90)) > 0);
        Assert.Equal(0, Tokens(org, Now.AddMinutes(90), Now.AddMinutes(200)));
        var before = lastMinutes.GetProperty("data").EnumerateArray().SkipLast(1).Select(b => b.GetProperty("results").GetRawText());
        var after = later.GetProperty("data").EnumerateArray().SkipLast(1).Select(b => b.GetProperty("results").GetRawText());
        Assert.Equal(before, after);
        Assert.Empty(lastMinutes.GetProperty("data").EnumerateArray().Last().GetProperty("results").EnumerateArray());
        Assert.NotEmpty(later.GetProperty("data").EnumerateArray().Last().GetProperty("results").EnumerateArray());
    }

    private static long Tokens(SimulatedOrganization org, DateTimeOffset from, DateTimeOffset to) =>
        org.Usage("completions", from, to).Sum(r => r.Metrics["input_tokens"]);
}
