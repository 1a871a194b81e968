using System.Diagnostics;
using System.Net;
using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

public sealed class FaultTests : IAsyncLifetime
{
    private static readonly string Costs = $"organization/costs?start_time={Unix(Now.AddDays(-20))}";
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Theory]
    [InlineData(FaultKind.RateLimited, HttpStatusCode.TooManyRequests, "rate_limit_exceeded")]
    [InlineData(FaultKind.InsufficientQuota, HttpStatusCode.TooManyRequests, "insufficient_quota")]
    [InlineData(FaultKind.Unauthorized, HttpStatusCode.Unauthorized, "invalid_api_key")]
    [InlineData(FaultKind.Forbidden, HttpStatusCode.Forbidden, null)]
    [InlineData(FaultKind.ServerError, HttpStatusCode.InternalServerError, null)]
    [InlineData(FaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "service_unavailable")]
    public async Task Error_faults_hit_only_the_chosen_calls_of_the_chosen_route(FaultKind kind, HttpStatusCode status, string? code)
    {
        _sim.Server.Faults.Add(new FaultRule { Route = "costs", Kind = kind, OnCall = 2, Times = 2, RetryAfterSeconds = 7 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _sim.Client.GetAsync(new Uri(Costs, UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
                Assert.Equal(code, error.GetProperty("code").GetString());
                Assert.Equal(kind == FaultKind.RateLimited ? "7" : null, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal([HttpStatusCode.OK, status, status, HttpStatusCode.OK], statuses);
        await _sim.GetJsonAsync("organization/projects");
        Assert.Equal(4, _sim.Server.Calls.Count("costs"));
    }

    [Fact]
    public async Task A_rule_without_OnCall_hits_every_matching_call_and_Clear_removes_it()
    {
        _sim.Server.Faults.Add(new FaultRule { Route = "usage/completions", Kind = FaultKind.ServerError });
        var path = $"organization/usage/completions?start_time={Unix(Now.AddDays(-1))}";

        Assert.Equal(HttpStatusCode.InternalServerError, (await _sim.GetErrorAsync(path)).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _sim.GetErrorAsync(path)).Status);
        await _sim.GetJsonAsync($"organization/usage/embeddings?start_time={Unix(Now.AddDays(-1))}");
        _sim.Server.Faults.Clear();
        await _sim.GetJsonAsync(path);
    }

    [Fact]
    public async Task Slow_delays_then_answers_normally()
    {
        _sim.Server.Faults.Add(new FaultRule { Kind = FaultKind.Slow, DelayMs = 300 });

        var watch = Stopwatch.StartNew();
        await _sim.GetJsonAsync("organization/projects");

        Assert.True(watch.ElapsedMilliseconds >= 290);
    }

    [Fact]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        _sim.Server.Faults.Add(new FaultRule { Route = "projects", Kind = FaultKind.MalformedJson });

        using var response = await _sim.Client.GetAsync(new Uri("organization/projects", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Missing_data_and_has_more_without_cursor_shape_the_page()
    {
        _sim.Server.Faults.Add(new FaultRule { Kind = FaultKind.MissingData, OnCall = 1 });
        _sim.Server.Faults.Add(new FaultRule { Kind = FaultKind.HasMoreWithoutCursor, OnCall = 2 });

        var missing = await _sim.GetJsonAsync(Costs);
        var projects = await _sim.GetJsonAsync("organization/projects");
        var noCursor = await _sim.GetJsonAsync(Costs + "&limit=30");

        Assert.False(missing.TryGetProperty("data", out _));
        Assert.True(missing.TryGetProperty("has_more", out _));
        Assert.True(projects.TryGetProperty("data", out _));
        Assert.True(noCursor.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.Null, noCursor.GetProperty("next_page").ValueKind);
    }

    [Fact]
    public async Task Repeated_cursor_returns_a_cursor_already_seen()
    {
        _sim.Server.Faults.Add(new FaultRule { Route = "costs", Kind = FaultKind.RepeatedCursor, OnCall = 2 });

        var first = await _sim.GetJsonAsync(Costs);
        var cursor = first.GetProperty("next_page").GetString()!;
        var second = await _sim.GetJsonAsync($"{Costs}&page={Uri.EscapeDataString(cursor)}");

        Assert.Equal(cursor, second.GetProperty("next_page").GetString());
        Assert.True(second.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Empty_page_with_has_more_goes_on_forever_with_fresh_cursors()
    {
        _sim.Server.Faults.Add(new FaultRule { Route = "usage/completions", Kind = FaultKind.EmptyPageHasMore });
        var path = $"organization/usage/completions?start_time={Unix(Now.AddDays(-2))}";

        var cursors = new HashSet<string>();
        var page = await _sim.GetJsonAsync(path);
        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(page.GetProperty("data").EnumerateArray());
            Assert.True(page.GetProperty("has_more").GetBoolean());
            var cursor = page.GetProperty("next_page").GetString()!;
            Assert.True(cursors.Add(cursor));
            page = await _sim.GetJsonAsync($"{path}&page={Uri.EscapeDataString(cursor)}");
        }
    }

    [Fact]
    public async Task Faults_from_options_are_active_from_the_start()
    {
        var options = new SimulatorOptions { Fidelity = SimulatorFidelity.Documented };
        options.Faults.Add(new FaultRule { Route = "projects", Kind = FaultKind.RateLimited, OnCall = 1 });
        await using var sim = await SimulatorHarness.StartAsync(options);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await sim.GetErrorAsync("organization/projects")).Status);
        await sim.GetJsonAsync("organization/projects");
    }

    [Fact]
    public void Invalid_rules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _sim.Server.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, OnCall = 0 }));
        Assert.Throws<ArgumentException>(() => _sim.Server.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, Times = 0 }));
    }
}
