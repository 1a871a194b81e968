using System.Net.Http.Headers;
using System.Text.Json;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// One look at the host's health: the anonymous probe's status code, <c>/api/health</c>'s status code, and from its
/// body the streams with consecutive failures and each receiver's pending messages. 0 means no answer at all.
/// </summary>
internal sealed record HealthSample(
    DateTimeOffset At,
    int ProbeStatus,
    int HealthStatus,
    IReadOnlySet<string> FailingStreams,
    IReadOnlyDictionary<string, int> Pending,
    int Backlog,
    IReadOnlyDictionary<string, (DateTimeOffset? Started, bool? Succeeded)> Jobs)
{
    public bool Answered => HealthStatus == 200;

    public static async Task<HealthSample> TakeAsync(HttpClient http, string apiKey, TimeProvider clock)
    {
        var at = clock.GetUtcNow();
        var probe = await ProbeAsync(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("x-functions-key", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return Empty(at, probe, (int)response.StatusCode);
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = document.RootElement;
            var failing = root.GetProperty("streams").EnumerateArray()
                .Where(s => s.GetProperty("consecutiveFailures").GetInt32() > 0)
                .Select(s => s.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
            var pending = root.GetProperty("receivers").EnumerateArray()
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("pendingMessages").GetInt32(), StringComparer.Ordinal);
            var jobs = root.GetProperty("jobs").EnumerateArray().ToDictionary(
                j => j.GetProperty("name").GetString()!,
                j => (j.TryGetProperty("lastStartedAt", out var started) && started.ValueKind == JsonValueKind.String ? started.GetDateTimeOffset() : (DateTimeOffset?)null,
                      j.TryGetProperty("lastSucceeded", out var succeeded) && succeeded.ValueKind is JsonValueKind.True or JsonValueKind.False ? succeeded.GetBoolean() : (bool?)null),
                StringComparer.Ordinal);
            return new HealthSample(at, probe, 200, failing, pending, root.GetProperty("outboxBacklog").GetInt32(), jobs);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return Empty(at, probe, 0);
        }
    }

    private static HealthSample Empty(DateTimeOffset at, int probe, int status) =>
        new(at, probe, status, new HashSet<string>(), new Dictionary<string, int>(), 0, new Dictionary<string, (DateTimeOffset?, bool?)>());

    private static async Task<int> ProbeAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("api/health/live", UriKind.Relative));
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
