using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Http;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Testing;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>
/// A spend timeline: the library as the hosts wire it over Azurite, polling the simulator over real HTTP and
/// delivering to its webhook sink, with one fake clock for both. <see cref="RunUntilAsync"/> runs the jobs at the
/// times the default schedules run them, so a timeline's latency is the deployed app's.
/// </summary>
internal sealed class SpendTimeline : IAsyncDisposable
{
    /// <summary>The jobs that move spend from the simulator to chat (Evaluate delivers what it enqueued).</summary>
    private static readonly string[] Jobs = [JobNames.PollUsage, JobNames.PollRecentUsage, JobNames.PollCosts, JobNames.Evaluate];

    private readonly string _rulesPath = Path.Combine(Path.GetTempPath(), $"spend-rules-{Guid.NewGuid():N}.json");
    private readonly IConfiguration _configuration;
    private readonly ScheduleStepper _stepper;

    private SpendTimeline(FakeTimeProvider clock, SimulatorServer simulator, string name, string rules)
    {
        Clock = clock;
        Simulator = simulator;
        File.WriteAllText(_rulesPath, Document(rules));
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniquePrefix(name),
            ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["Secrets:OpenAiAdminKey"] = new SimulatorOptions().AdminKey,
            ["Secrets:TeamsWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/teams/finance-teams").ToString(),
            ["Secrets:SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/platform-slack").ToString(),
            ["Notifications:AllowLoopbackWebhooks"] = "true",
            ["Notifications:MinInterval"] = "00:00:00",
            ["Rules:Path"] = _rulesPath,
            // Real I/O takes real time while the fake clock stands still: no fake-time timeouts.
            ["OpenAI:AttemptTimeout"] = "00:10:00",
            ["OpenAI:CallBudget"] = "00:30:00",
            ["Ingestion:RunBudget"] = "01:00:00",
            // Learned rates only, whatever the example prices file beside the tests holds.
            ["Pricing:PricesPath"] = "",
        }).Build();
        _stepper = new ScheduleStepper(clock, Jobs);
        Services = Build();
    }

    public FakeTimeProvider Clock { get; }

    public SimulatorServer Simulator { get; }

    public ServiceProvider Services { get; private set; }

    /// <summary>Messages the sink received so far.</summary>
    public IReadOnlyList<SinkMessage> Messages => Simulator.Sink.Messages;

    /// <param name="rules">The rules file body without its receivers, e.g. <c>"budgets": [ … ]</c>.</param>
    public static async Task<SpendTimeline> StartAsync(string name, DateTimeOffset start, SimulatorOptions options, string rules)
    {
        var clock = new FakeTimeProvider(start);
        var simulator = await SimulatorServer.StartAsync(options, clock);
        return new SpendTimeline(clock, simulator, name, rules);
    }

    /// <summary>A new process over the same tables with the rules file replaced.</summary>
    public async Task RestartAsync(string rules)
    {
        await File.WriteAllTextAsync(_rulesPath, Document(rules));
        await Services.DisposeAsync();
        Services = Build();
    }

    /// <summary>Every polling job once, then Evaluate, at the clock's time: what a host does on start-up.</summary>
    public async Task StartUpAsync()
    {
        foreach (var job in Jobs)
        {
            Assert.True(await Services.GetRequiredService<ScheduledJobs>().RunAsync(job), $"{job} failed at start-up");
        }
    }

    /// <summary>Moves the clock to each occurrence of the default schedules after now, up to and including <paramref name="until"/>, running the jobs due.</summary>
    public Task RunUntilAsync(DateTimeOffset until) =>
        _stepper.RunUntilAsync(until, job => Services.GetRequiredService<ScheduledJobs>().RunAsync(job));

    /// <summary>Jumps the clock (the app is idle meanwhile, as a host that was off).</summary>
    public void JumpTo(DateTimeOffset time) => Clock.AdjustTime(time);

    /// <summary>A route's JSON answer, as <c>GET /api/{route}</c> gives it.</summary>
    public async Task<JsonElement> RouteAsync(string route, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.QueryString = new QueryString(query);
        var reply = await Services.GetRequiredService<HttpRoutes>().HandleAsync(route, context.Request);
        Assert.Equal(200, reply.StatusCode);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
        File.Delete(_rulesPath);
    }

    private static string Document(string rules) => "{" + AlertTimeline.Receivers + "," + rules + "}";

    private ServiceProvider Build()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        services.AddUsageAlerts(_configuration);
        return services.BuildServiceProvider();
    }
}
