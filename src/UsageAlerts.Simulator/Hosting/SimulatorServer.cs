using System.Text.Json.Serialization;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator;

/// <summary>
/// A running simulator: the OpenAI admin API of a <see cref="SimulatedOrganization"/>, Teams and Slack webhook
/// sinks and the <c>/_sim</c> control API, on Kestrel.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, SimulatorState state, Uri baseAddress)
    {
        _app = app;
        Organization = state.Organization;
        Faults = state.Faults;
        Sink = state.Sink;
        Calls = state.Calls;
        BaseAddress = baseAddress;
        OpenAiBaseAddress = new Uri(baseAddress, "v1/");
    }

    /// <summary>The root, e.g. <c>http://127.0.0.1:41234/</c>; sinks are at <c>sink/teams/{name}</c>, <c>sink/slack/{name}</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What an OpenAI client uses as its base address: <see cref="BaseAddress"/> + <c>v1/</c>.</summary>
    public Uri OpenAiBaseAddress { get; }

    public SimulatedOrganization Organization { get; }

    public FaultPlan Faults { get; }

    public WebhookSink Sink { get; }

    public CallLog Calls { get; }

    /// <summary>
    /// Creates the organization (its origin is "now" on <paramref name="timeProvider"/>) and starts listening.
    /// With port 0 a free port is chosen; <see cref="BaseAddress"/> has the real one.
    /// </summary>
    public static async Task<SimulatorServer> StartAsync(
        SimulatorOptions options,
        TimeProvider? timeProvider = null,
        string url = "http://127.0.0.1:0",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var organization = new SimulatedOrganization(options, timeProvider);
        var faults = new FaultPlan();
        foreach (var rule in options.Faults)
        {
            faults.Add(rule);
        }

        var state = new SimulatorState(options, organization, faults, new WebhookSink(), new CallLog());
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorServer).Assembly.GetName().Name });
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        SimulatorEndpoints.Map(app, state);
        await app.StartAsync(cancellationToken);
        return new SimulatorServer(app, state, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();
}
