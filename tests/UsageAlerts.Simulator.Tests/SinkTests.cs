using System.Net;
using System.Text;
using UsageAlerts.Simulator.Tests.Infrastructure;

namespace UsageAlerts.Simulator.Tests;

public sealed class SinkTests : IAsyncLifetime, IDisposable
{
    private const string TeamsCard = """{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.4","body":[]}}]}""";
    private const string SlackMessage = """{"text":"Budget Research at 104 %","blocks":[]}""";
    private SimulatorHarness _sim = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorHarness.StartAsync();
        _client = new HttpClient { BaseAddress = _sim.Server.BaseAddress };
    }

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Teams_accepts_a_message_with_attachments_with_202_and_records_it()
    {
        var (status, body) = await PostAsync("sink/teams/finance", TeamsCard);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("", body);
        var message = Assert.Single(_sim.Server.Sink.Messages);
        Assert.Equal(new SinkMessage("teams", "finance", SimulatorHarness.Now, TeamsCard), message);
    }

    [Theory]
    [InlineData("""{"type":"message"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"card","attachments":[]}""", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task Teams_refuses_other_bodies(string payload, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await PostAsync("sink/teams/finance", payload)).Status);
        Assert.Empty(_sim.Server.Sink.Messages);
    }

    [Fact]
    public async Task Teams_refuses_cards_above_28_KB()
    {
        var large = TeamsCard.Replace("\"body\":[]", $"\"body\":[{{\"type\":\"TextBlock\",\"text\":\"{new string('x', 29_000)}\"}}]", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync("sink/teams/finance", large)).Status);
    }

    [Theory]
    [InlineData(SlackMessage, HttpStatusCode.OK, "ok")]
    [InlineData("""{"blocks":[]}""", HttpStatusCode.BadRequest, "no_text")]
    [InlineData("""{"text":"  "}""", HttpStatusCode.BadRequest, "no_text")]
    [InlineData("{oops", HttpStatusCode.BadRequest, "invalid_payload")]
    public async Task Slack_answers_ok_or_a_plain_error_code(string payload, HttpStatusCode expected, string expectedBody)
    {
        var (status, body) = await PostAsync("sink/slack/alerts", payload);

        Assert.Equal((expected, expectedBody), (status, body));
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _sim.Server.Sink.Messages.Count);
    }

    [Theory]
    [InlineData("sink/slack", FaultKind.SinkNotFound, HttpStatusCode.NotFound, "no_service")]
    [InlineData("sink/slack", FaultKind.SinkGone, HttpStatusCode.Gone, "channel_is_archived")]
    [InlineData("sink/slack", FaultKind.ServerError, HttpStatusCode.InternalServerError, "rollup_error")]
    [InlineData("sink/slack", FaultKind.RateLimited, HttpStatusCode.TooManyRequests, "rate_limited")]
    [InlineData("sink/teams", FaultKind.RateLimited, HttpStatusCode.TooManyRequests, null)]
    [InlineData("sink/teams", FaultKind.SinkNotFound, HttpStatusCode.NotFound, null)]
    [InlineData("sink/slack", FaultKind.Unauthorized, HttpStatusCode.Forbidden, "invalid_token")]
    [InlineData("sink/teams", FaultKind.Unauthorized, HttpStatusCode.Unauthorized, null)]
    [InlineData("sink/teams", FaultKind.Forbidden, HttpStatusCode.Forbidden, null)]
    public async Task Sink_faults_answer_like_the_service_and_record_nothing(string route, FaultKind kind, HttpStatusCode expected, string? expectedBody)
    {
        _sim.Server.Faults.Add(new FaultRule { Route = route, Kind = kind, OnCall = 1, RetryAfterSeconds = 3 });
        var payload = route == "sink/slack" ? SlackMessage : TeamsCard;

        using var response = await _client.PostAsync(new Uri(route + "/ops", UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
        var second = await PostAsync(route + "/ops", payload);

        Assert.Equal(expected, response.StatusCode);
        if (expectedBody is not null)
        {
            Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(kind == FaultKind.RateLimited ? TimeSpan.FromSeconds(3) : null, response.Headers.RetryAfter?.Delta);
        Assert.True(second.Status is HttpStatusCode.OK or HttpStatusCode.Accepted);
        Assert.Single(_sim.Server.Sink.Messages);
        Assert.Equal(2, _sim.Server.Calls.Count(route));
    }

    [Fact]
    public async Task Control_api_lists_and_clears_the_sink()
    {
        await PostAsync("sink/slack/alerts", SlackMessage);

        var listed = await _client.GetStringAsync(new Uri("_sim/sink", UriKind.Relative));
        using var cleared = await _client.DeleteAsync(new Uri("_sim/sink", UriKind.Relative));

        Assert.Contains("Budget Research at 104 %", System.Text.Json.JsonDocument.Parse(listed).RootElement[0].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(_sim.Server.Sink.Messages);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string payload)
    {
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
