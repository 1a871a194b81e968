using System.Globalization;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// The standalone host as a child process (the built dll), pointed at the in-process simulator and at Azurite,
/// on fast schedules with short retry budgets, so a fault makes a poll fail within seconds instead of minutes.
/// </summary>
internal sealed class SoakHost
{
    private readonly ChildProcess _process;

    public SoakHost(string dll, int port, SimulatorServer simulator, SimulatorOptions options, string connectionString, string rulesPath, string apiKey, string logPath)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Storage__ConnectionString"] = connectionString,
            ["Storage__TablePrefix"] = TablePrefix,
            ["OpenAI__BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["OpenAI__OrganizationName"] = "Soak organization",
            ["OpenAI__MaxRetries"] = "2",
            ["OpenAI__RetryBaseDelay"] = "00:00:00.500",
            ["OpenAI__MaxRetryAfter"] = "00:00:05",
            ["OpenAI__AttemptTimeout"] = "00:00:03",
            ["OpenAI__CallBudget"] = "00:00:20",
            ["Secrets__OpenAiAdminKey"] = options.AdminKey,
            ["Secrets__HttpApiKey"] = apiKey,
            ["Secrets__TeamsWebhookUrl"] = new Uri(simulator.BaseAddress, $"sink/teams/{SoakRules.Teams}").ToString(),
            ["Secrets__SlackWebhookUrl"] = new Uri(simulator.BaseAddress, $"sink/slack/{SoakRules.Slack}").ToString(),
            ["Notifications__AllowLoopbackWebhooks"] = "true",
            ["Rules__Path"] = rulesPath,
            ["Alerts__DaySettleDelay"] = SoakRules.DaySettleDelay.ToString(),
            ["Ingestion__RunBudget"] = "00:01:00",
            ["Schedules__RunOnStartup"] = "true",
            ["Schedules__PollProjects"] = "*/20 * * * * *",
            ["Schedules__PollUsage"] = "*/10 * * * * *",
            ["Schedules__PollCosts"] = "*/10 * * * * *",
            ["Schedules__PollRecentUsage"] = "*/10 * * * * *",
            ["Schedules__Evaluate"] = "5/10 * * * * *",
            ["Schedules__Deliver"] = "*/5 * * * * *",
            ["Schedules__Digest"] = "*/5 * * * * *",
        };
        _process = new ChildProcess("host", "dotnet", [dll, "--urls", BaseAddress.ToString().TrimEnd('/')], logPath, environment);
    }

    public const string TablePrefix = "soak";

    public Uri BaseAddress { get; }

    public bool Running => _process.Running;

    public int? ExitCode => _process.ExitCode;

    public void Start() => _process.Start();

    public Task KillAsync() => _process.KillAsync();

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(20));

    /// <summary>Waits until the anonymous probe answers at all (any status): the host is listening.</summary>
    public async Task<bool> WaitListeningAsync(HttpClient http, TimeSpan timeout, TimeProvider clock)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (clock.GetUtcNow() < deadline && Running)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("api/health/live", UriKind.Relative));
                return true;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), clock);
            }
        }

        return false;
    }
}
