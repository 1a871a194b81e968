using UsageAlerts.Simulator;

namespace UsageAlerts.Standalone.Demo;

/// <summary>
/// With no admin key configured, the host runs against the built-in simulated organization, so a newcomer sees
/// data and alerts flow with one command. The simulator lives as long as the host.
/// </summary>
internal sealed partial class DemoSimulator(SimulatorServer server, ILogger<DemoSimulator> logger) : IHostedService
{
    public const string SectionName = "Demo:Simulator";

    /// <summary>
    /// The demo's costs lag behind its usage as OpenAI's do, so it shows budgets, spikes and digests running on the
    /// estimate from usage (marked "estimated") until the bill catches up; <c>Demo:Simulator:CostsLagHours</c> overrides it.
    /// </summary>
    public const int DefaultCostsLagHours = 6;

    /// <summary>Starts the simulator and points configuration at it, unless a real organization is configured.</summary>
    public static async Task<SimulatorServer?> StartIfNeededAsync(ConfigurationManager configuration, CancellationToken cancellationToken = default)
    {
        var adminKeyName = configuration["OpenAI:AdminKeySecretName"] ?? "OpenAiAdminKey";
        if (!string.IsNullOrWhiteSpace(configuration[$"Secrets:{adminKeyName}"]) || !string.IsNullOrWhiteSpace(configuration["KeyVault:Uri"]))
        {
            return null;
        }

        var options = Options(configuration);
        var server = await SimulatorServer.StartAsync(options, TimeProvider.System, configuration["Demo:SimulatorUrl"] ?? "http://127.0.0.1:0", cancellationToken);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:BaseUrl"] = server.OpenAiBaseAddress.ToString(),
            [$"Secrets:{adminKeyName}"] = options.AdminKey,
            ["OpenAI:OrganizationName"] = configuration["OpenAI:OrganizationName"] ?? "Simulated organization (demo)",
            // The example rules' receivers post to the simulator's webhook sink (GET /_sim/sink lists what arrived).
            ["Secrets:TeamsWebhookUrl"] = new Uri(server.BaseAddress, "sink/teams/finance-teams").ToString(),
            ["Secrets:SlackWebhookUrl"] = new Uri(server.BaseAddress, "sink/slack/platform-slack").ToString(),
            ["Notifications:AllowLoopbackWebhooks"] = "true",
        });
        return server;
    }

    /// <summary>The simulator's options from <c>Demo:Simulator</c>, with the demo's own costs lag unless one is set.</summary>
    internal static SimulatorOptions Options(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = section.Get<SimulatorOptions>() ?? new SimulatorOptions();
        if (section[nameof(SimulatorOptions.CostsLagHours)] is null)
        {
            options.CostsLagHours = DefaultCostsLagHours;
        }

        return options;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDemo(server.BaseAddress);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "No OpenAI admin key configured: demo mode against the built-in simulator at {Address}")]
    private partial void LogDemo(Uri address);
}
