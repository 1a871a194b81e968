using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.RateLimits;
using static UsageAlerts.Tests.Summaries.ParameterTests;

namespace UsageAlerts.Tests.Summaries;

public sealed class HeadroomTests
{
    private static readonly SummaryOptions Defaults = new();

    private static readonly RateLimitRecord[] ProjectA =
    [
        new("proj_a", "gpt-4o", 500, 30_000),
        new("proj_a", "gpt-4o-mini", 1000, 200_000),
        new("proj_a", "gpt-4o-2024-05-13", 50, 1_000),
        new("proj_a", "gpt-4", 10, 100),
    ];

    private static readonly RateLimitCaps Caps = new(new Dictionary<string, IReadOnlyList<RateLimitRecord>> { ["proj_a"] = ProjectA });

    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4o-2024-05-13", "gpt-4o-2024-05-13")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("gpt-4-0613", "gpt-4")]
    [InlineData("gpt-4o-audio-preview", null)]
    [InlineData("gpt-4-turbo", null)]
    [InlineData("o3", null)]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme:bot:x1", "gpt-4o-mini")]
    [InlineData("ft:gpt-4o-2024-05-13:acme::x2", "gpt-4o-2024-05-13")]
    [InlineData("ft:o3:acme::x3", null)]
    public void Usage_models_fall_under_the_cap_of_their_snapshot_or_family(string model, string? cap)
    {
        Assert.Equal(cap, Caps.Find("proj_a", model)?.Model);
    }

    [Fact]
    public void Caps_are_per_project() => Assert.Null(Caps.Find("proj_b", "gpt-4o"));

    [Fact]
    public void Utilisation_is_a_rounded_percentage_of_the_cap()
    {
        Assert.Equal(66.7m, HeadroomMeasure.Of(2, null, 3).UtilisationPercent);
        Assert.Equal(150m, HeadroomMeasure.Of(15, null, 10).UtilisationPercent);
        Assert.Null(HeadroomMeasure.Of(15, null, null).UtilisationPercent);
        Assert.Null(HeadroomMeasure.Of(15, null, 0).UtilisationPercent);
    }

    [Fact]
    public void The_peak_is_the_first_busiest_minute_of_what_shares_a_cap()
    {
        var minute = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var totals = new MinuteTotals();
        totals.Add(minute, "gpt-4o-2024-08-06", 10, 1000);
        totals.Add(minute, "gpt-4o-2024-11-20", 5, 500);
        totals.Add(minute.AddMinutes(1), "gpt-4o-2024-08-06", 16, 100);
        totals.Add(minute.AddMinutes(2), "gpt-4o-2024-08-06", 16, 100);

        Assert.Equal((16L, (DateTimeOffset?)minute.AddMinutes(1)), totals.PeakRequests());
        Assert.Equal((1500L, (DateTimeOffset?)minute), totals.PeakTokens());
        Assert.Equal(["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"], totals.UsageModels);
    }

    [Theory]
    [InlineData("?minutes=0")]
    [InlineData("?minutes=1441")]
    [InlineData("?minutes=ten")]
    [InlineData("?minutes=-5")]
    public void Headroom_minutes_are_bounded(string query) =>
        Assert.Equal("minutes", Assert.Throws<BadParameterException>(() => HeadroomQuery.Parse(Request(query), Defaults)).Parameter);

    [Fact]
    public void Headroom_defaults_to_an_hour()
    {
        var query = HeadroomQuery.Parse(Request("?model=gpt-4o"), Defaults);

        Assert.Equal(60, query.Minutes);
        Assert.Equal(["gpt-4o"], query.Models!);
    }
}
