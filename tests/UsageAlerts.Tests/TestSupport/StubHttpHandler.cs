using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>An HTTP server in a handler: answers queued per request, records what was asked and when (fake clock).</summary>
internal sealed class StubHttpHandler(TimeProvider clock) : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new();

    public List<(Uri Uri, DateTimeOffset At, string? Authorization)> Requests { get; } = [];

    public Func<HttpRequestMessage, HttpResponseMessage>? Fallback { get; set; }

    public StubHttpHandler Enqueue(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public StubHttpHandler Json(string body, HttpStatusCode status = HttpStatusCode.OK, Action<HttpResponseMessage>? headers = null) =>
        Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            headers?.Invoke(response);
            return response;
        });

    public StubHttpHandler Throw(Exception exception) => Enqueue(_ => throw exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.RequestUri!, clock.GetUtcNow(), request.Headers.Authorization?.ToString()));
        var answer = _answers.Count > 0 ? _answers.Dequeue() : Fallback ?? throw new InvalidOperationException($"No answer queued for {request.RequestUri}");
        return Task.FromResult(answer(request));
    }
}

internal static class FakeClock
{
    /// <summary>Runs work that waits on the fake clock, advancing it in small steps until the work completes.</summary>
    public static async Task<T> RunAsync<T>(FakeTimeProvider clock, Func<Task<T>> work, TimeSpan? limit = null)
    {
        var task = work();
        var advanced = TimeSpan.Zero;
        var max = limit ?? TimeSpan.FromMinutes(30);
        while (!task.IsCompleted && advanced < max)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            advanced += TimeSpan.FromMilliseconds(250);
        }

        return await task;
    }
}
