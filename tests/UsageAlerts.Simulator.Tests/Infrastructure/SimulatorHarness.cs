using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace UsageAlerts.Simulator.Tests.Infrastructure;

/// <summary>An in-process simulator on a fake clock, with an HTTP client that holds the admin key.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    /// <summary>A Wednesday afternoon.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 18, 14, 37, 20, TimeSpan.Zero);

    private SimulatorHarness(FakeTimeProvider time, SimulatorServer server, SimulatorOptions options)
    {
        Time = time;
        Server = server;
        Options = options;
        Client = new HttpClient { BaseAddress = server.OpenAiBaseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
    }

    public FakeTimeProvider Time { get; }

    public SimulatorServer Server { get; }

    public SimulatorOptions Options { get; }

    public SimulatedOrganization Organization => Server.Organization;

    /// <summary>Resolves against <c>…/v1/</c>: pass "organization/usage/completions?…".</summary>
    public HttpClient Client { get; }

    public static long Unix(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static async Task<SimulatorHarness> StartAsync(SimulatorOptions? options = null, DateTimeOffset? now = null)
    {
        // These tests pin the spec-literal behaviour; LiveFidelityTests pins the live one.
        options ??= new SimulatorOptions { Fidelity = SimulatorFidelity.Documented };
        var time = new FakeTimeProvider(now ?? Now);
        var server = await SimulatorServer.StartAsync(options, time);
        return new SimulatorHarness(time, server, options);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Follows next_page to the end and returns every bucket; fails on a repeated or missing cursor.</summary>
    public async Task<List<JsonElement>> GetAllBucketsAsync(string path)
    {
        var buckets = new List<JsonElement>();
        var seen = new HashSet<string>();
        var page = await GetJsonAsync(path);
        while (true)
        {
            buckets.AddRange(page.GetProperty("data").EnumerateArray());
            if (!page.GetProperty("has_more").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, page.GetProperty("next_page").ValueKind);
                return buckets;
            }

            var cursor = page.GetProperty("next_page").GetString();
            Assert.False(string.IsNullOrEmpty(cursor));
            Assert.True(seen.Add(cursor!), $"cursor {cursor} repeated");
            page = await GetJsonAsync($"{path}&page={Uri.EscapeDataString(cursor!)}");
        }
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetErrorAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>One simulator with default options for the tests that only read.</summary>
public sealed class SharedSimulator : IAsyncLifetime
{
    internal SimulatorHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedSimulatorGroup : ICollectionFixture<SharedSimulator>
{
    public const string Name = "shared simulator";
}
