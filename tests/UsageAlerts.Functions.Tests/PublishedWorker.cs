using System.Text.Json;
using Azure.Data.Tables;
using UsageAlerts.Functions.Tests.WorkerHost;
using UsageAlerts.Simulator;

namespace UsageAlerts.Functions.Tests;

/// <summary>
/// One published worker for the tests that share it, with the app settings infra gives it in Azure pointed at the
/// simulator (the OpenAI admin API and the Teams and Slack webhooks) and at Azurite (fresh tables per run).
/// </summary>
public sealed class PublishedWorker : IAsyncLifetime
{
    private readonly string _prefix = "tfunc" + Guid.NewGuid().ToString("N")[..10];

    internal SimulatorServer Simulator { get; private set; } = null!;

    internal FunctionsHostServer Server { get; private set; } = null!;

    internal FunctionsHost Host { get; private set; } = null!;

    /// <summary>The timers, run once in dependency order (TimerRuns); the timer tests read what each one did.</summary>
    internal Lazy<Task<TimerRuns>> Timers { get; }

    public PublishedWorker() => Timers = new(() => TimerRuns.RunAsync(this));

    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("USAGEALERTS_TEST_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("USAGEALERTS_TEST_STORAGE is not set: run the tests with scripts/test, which starts Azurite.");

    public async Task InitializeAsync()
    {
        Simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Projects = 4, Models = 3, Days = 35 });
        Server = await FunctionsHostServer.StartAsync();
        Host = await FunctionsHost.StartAsync(Server, AppSettings(Simulator, Server, _prefix));
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    internal TableClient Table(string name) => new TableServiceClient(StorageConnectionString).GetTableClient(_prefix + name);

    /// <summary>The settings infra/app/function.bicep gives the app, with local stand-ins for Azure's services.</summary>
    internal static Dictionary<string, string> AppSettings(SimulatorServer simulator, FunctionsHostServer server, string tablePrefix)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = StorageConnectionString,
            ["Storage__TablePrefix"] = tablePrefix,
            ["OpenAI__BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["OpenAI__OrganizationName"] = "Simulated organization",
            ["Secrets__OpenAiAdminKey"] = new SimulatorOptions().AdminKey,
            ["Secrets__TeamsWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/teams/finance-teams").ToString(),
            ["Secrets__SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/platform-slack").ToString(),
            ["Notifications__AllowLoopbackWebhooks"] = "true",
            ["Rules__Path"] = "rules.json",
            ["Dashboard__PublicBaseUrl"] = "https://usagealerts.example/",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={server.IngestionUri}",
        };
        using var schedules = JsonDocument.Parse(File.ReadAllText(Path.Combine(PublishedApp.RepoRoot, "infra", "schedules.json")));
        foreach (var schedule in schedules.RootElement.EnumerateObject())
        {
            settings[$"Schedules__{schedule.Name}"] = schedule.Value.GetString()!;
        }

        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedWorkerGroup : ICollectionFixture<PublishedWorker>
{
    public const string Name = "Published worker";
}
