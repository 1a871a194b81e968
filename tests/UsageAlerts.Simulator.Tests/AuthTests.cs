using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class AuthTests(SharedSimulator shared)
{
    public static TheoryData<string> Paths => new()
    {
        $"organization/usage/completions?start_time={Unix(Now.AddDays(-1))}",
        $"organization/costs?start_time={Unix(Now.AddDays(-1))}",
        "organization/projects",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Missing_or_wrong_keys_get_401_invalid_api_key(string path)
    {
        var missing = await SendAsync(path, null);
        var wrong = await SendAsync(path, "sk-admin-wrong-key");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("invalid_api_key", missing.Error.GetProperty("code").GetString());
        Assert.Equal("invalid_api_key", wrong.Error.GetProperty("code").GetString());
        Assert.DoesNotContain("not-the-right-one", wrong.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Project_keys_get_403_missing_scopes(string path)
    {
        var (status, error) = await SendAsync(path, "sk-proj-abcdefghijklmnopqrstuvwxyz");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Missing scopes: api.usage.read", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_calls_carry_rate_limit_headers_with_go_durations()
    {
        using var response = await shared.Harness.Client.GetAsync(new Uri("organization/projects", UriKind.Relative));

        Assert.Equal("1000", response.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.True(int.Parse(response.Headers.GetValues("x-ratelimit-remaining-requests").Single(), System.Globalization.CultureInfo.InvariantCulture) < 1000);
        Assert.Equal("40s", response.Headers.GetValues("x-ratelimit-reset-requests").Single());
        Assert.Equal("0s", response.Headers.GetValues("x-ratelimit-reset-tokens").Single());
    }

    private async Task<(HttpStatusCode Status, JsonElement Error)> SendAsync(string path, string? key)
    {
        using var client = new HttpClient { BaseAddress = shared.Harness.Server.OpenAiBaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        return (response.StatusCode, body.GetProperty("error"));
    }
}
