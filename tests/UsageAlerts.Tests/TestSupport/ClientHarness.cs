using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>The real DI wiring (typed client, resilience pipeline) with the network swapped for a stub and a fake clock.</summary>
internal sealed class ClientHarness : IDisposable
{
    public const string AdminKey = "sk-admin-test-key";

    private readonly ServiceProvider _services;

    public ClientHarness(Dictionary<string, string?>? settings = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        Stub = new StubHttpHandler(Clock);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
                ["OpenAI:BaseUrl"] = "https://api.test/v1/",
                ["Secrets:OpenAiAdminKey"] = AdminKey,
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        services.AddUsageAlerts(configuration);
        services.AddHttpClient<OpenAiAdminClient>().ConfigurePrimaryHttpMessageHandler(() => Stub);
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; }

    public StubHttpHandler Stub { get; }

    public OpenAiAdminClient Client => _services.GetRequiredService<OpenAiAdminClient>();

    public async Task<List<T>> CollectAsync<T>(Func<OpenAiAdminClient, IAsyncEnumerable<T>> read) =>
        await FakeClock.RunAsync(Clock, async () =>
        {
            var items = new List<T>();
            await foreach (var item in read(Client))
            {
                items.Add(item);
            }

            return items;
        });

    public void Dispose() => _services.Dispose();
}
