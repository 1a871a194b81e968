using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>
/// The library as the hosts wire it, polling the simulator over real HTTP into Azurite, with one fake clock
/// shared by both sides.
/// </summary>
internal sealed class IngestionHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 17, 30, TimeSpan.Zero);

    private readonly IConfiguration _configuration;
    private readonly TimeSpan _hostClockAhead;

    private readonly WebhookStub? _webhooks;

    private IngestionHarness(FakeTimeProvider clock, SimulatorServer simulator, IConfiguration configuration, TimeSpan hostClockAhead, WebhookStub? webhooks)
    {
        Clock = clock;
        Simulator = simulator;
        _configuration = configuration;
        _hostClockAhead = hostClockAhead;
        _webhooks = webhooks;
        Services = Build();
    }

    public FakeTimeProvider Clock { get; }

    public SimulatorServer Simulator { get; }

    public ServiceProvider Services { get; private set; }

    public ScheduledJobs Jobs => Services.GetRequiredService<ScheduledJobs>();

    /// <param name="hostClockAhead">How far this host's clock runs ahead of OpenAI's (the simulator's).</param>
    /// <param name="webhooks">Answers the Teams and Slack webhooks (whose secrets then point at it) instead of the network.</param>
    public static async Task<IngestionHarness> StartAsync(string name, SimulatorOptions? simulatorOptions = null, Dictionary<string, string?>? settings = null, TimeSpan hostClockAhead = default, WebhookStub? webhooks = null)
    {
        var clock = new FakeTimeProvider(Start);
        var simulator = await SimulatorServer.StartAsync(simulatorOptions ?? new SimulatorOptions(), clock);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Storage:TablePrefix"] = Azurite.UniquePrefix(name),
                ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
                ["Secrets:OpenAiAdminKey"] = (simulatorOptions ?? new SimulatorOptions()).AdminKey,
                // Real I/O takes real time while the fake clock stands still or jumps: no fake-time timeouts.
                ["OpenAI:AttemptTimeout"] = "00:10:00",
                ["OpenAI:CallBudget"] = "00:30:00",
                ["Ingestion:RunBudget"] = "01:00:00",
                // The example prices file is copied beside the tests too: a test that wants file prices names its own.
                ["Pricing:PricesPath"] = "",
            })
            // "SIM/..." values point at the simulator, whose port is known only now (webhook sink URLs).
            .AddInMemoryCollection(webhooks is null ? [] : new Dictionary<string, string?>
            {
                ["Secrets:TeamsWebhookUrl"] = WebhookStub.TeamsUrl,
                ["Secrets:SlackWebhookUrl"] = WebhookStub.SlackUrl,
                ["Notifications:MinInterval"] = "00:00:00",
            })
            .AddInMemoryCollection((settings ?? []).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.Replace("SIM/", simulator.BaseAddress.ToString(), StringComparison.Ordinal))))
            .Build();
        return new IngestionHarness(clock, simulator, configuration, hostClockAhead, webhooks);
    }

    /// <summary>A new process over the same tables: nothing in memory survives.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_hostClockAhead == TimeSpan.Zero ? Clock : new AheadClock(Clock, _hostClockAhead));
        services.AddUsageAlerts(_configuration);
        if (_webhooks is { } webhooks)
        {
            services.AddHttpClient<UsageAlerts.Notifications.WebhookClient>().ConfigurePrimaryHttpMessageHandler(() => webhooks);
        }

        return services.BuildServiceProvider();
    }

    public Task RunAsync(string job) => Jobs.RunAsync(job);

    /// <summary>Runs a job while moving the fake clock, for runs that wait (Retry-After, backoff).</summary>
    public Task RunWithClockAsync(string job) => FakeClock.RunAsync(Clock, async () => await Jobs.RunAsync(job));

    public async Task<List<TableEntity>> RowsAsync(TableName table, string partitionPrefix)
    {
        var client = await Services.GetRequiredService<TableStore>().GetAsync(table);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {partitionPrefix} and PartitionKey lt {partitionPrefix + "\uffff"}");
        await foreach (var row in client.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>A host clock that runs ahead of the shared fake clock (timers still come from the fake clock).</summary>
internal sealed class AheadClock(TimeProvider inner, TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + ahead;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => inner.CreateTimer(callback, state, dueTime, period);

    public override long GetTimestamp() => inner.GetTimestamp();
}
