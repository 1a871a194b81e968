using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using UsageAlerts.Http;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Standalone;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Security;

/// <summary>
/// A full run of the standalone host against the simulator with faults on both sides (OpenAI 429/5xx/malformed
/// pages and a rejected key that OpenAI echoes masked; webhook 5xx, 401/403 and 404), every job including alert
/// delivery, then every route with good, missing and wrong keys and bad parameters. Every log record, at Trace
/// for every category, with its state, scopes and exception, and every response body, is searched for the secrets.
/// </summary>
public sealed class SecretLeakTests
{
    // Every secret carries the marker, so one substring search finds any of them, whole or in part.
    private const string Marker = "ZQ7secret";
    private const string AdminKey = "sk-admin-" + Marker + "ADMIN3v9kP2w";
    private const string ApiKey = "httpkey-" + Marker + "HTTP8m4tL1";
    private const string TeamsToken = "teams" + Marker + "HOOK5r2";
    private const string SlackToken = "slack" + Marker + "HOOK6c3";

    // OpenAI echoes a rejected key as its first 8 and last 4 characters around stars.
    private static readonly string MaskedTail = "*" + AdminKey[^4..];

    private static readonly string[] BadQueries =
    [
        "summary?from=bad", "summary?groupBy=colour", "summary?format=csv&groupBy=project", "summary?from=2026-11-10&to=2026-11-01",
        "dashboard?stack=nope", "rate-limits?minutes=99999999999999999999", "alerts?days=0", "nope",
    ];

    [Fact]
    public async Task No_secret_reaches_a_log_record_or_a_response_in_a_full_run_with_faults()
    {
        var simulatorOptions = new SimulatorOptions { AdminKey = AdminKey, Projects = 4, Models = 3, Days = 35 };
        foreach (var fault in PhaseOneFaults())
        {
            simulatorOptions.Faults.Add(fault);
        }

        await using var simulator = await SimulatorServer.StartAsync(simulatorOptions);
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        await using var app = await BuildAsync(simulator, logs);
        await app.StartAsync();
        var jobs = app.Services.GetRequiredService<ScheduledJobs>();

        foreach (var job in new[] { JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage, JobNames.Evaluate, JobNames.Deliver, JobNames.Digest, JobNames.Cleanup })
        {
            await jobs.RunAsync(job);
        }

        // Phase two: the key is revoked at OpenAI (which echoes it masked) and the Slack webhook is revoked too.
        simulatorOptions.AdminKey = "sk-admin-fake-rotated-elsewhere";
        simulator.Faults.Add(new FaultRule { Route = "sink/slack", Kind = FaultKind.SinkNotFound });
        for (var run = 0; run < 3; run++)
        {
            await jobs.RunAsync(JobNames.PollUsage);
            await jobs.RunAsync(JobNames.PollCosts);
        }

        await jobs.RunAsync(JobNames.Evaluate);
        await jobs.RunAsync(JobNames.Deliver);

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var bodies = new List<(string What, string Body)>();
        foreach (var route in RouteNames.All)
        {
            bodies.Add(($"{route} with header key", await GetAsync(http, route, ApiKey)));
            bodies.Add(($"{route} with code", await GetAsync(http, $"{route}?code={ApiKey}", null)));
            bodies.Add(($"{route} without key", await GetAsync(http, route, null)));
            bodies.Add(($"{route} with a wrong key", await GetAsync(http, route, AdminKey)));
        }

        foreach (var query in BadQueries)
        {
            bodies.Add((query, await GetAsync(http, query, ApiKey)));
        }

        await app.StopAsync();

        // The run did go through the faults: otherwise a clean result would prove nothing.
        var health = bodies.Single(b => b.What == "health with header key").Body;
        Assert.Contains("\"broken\":true", health, StringComparison.Ordinal);
        Assert.True(simulator.Calls.Count("sink/teams") >= 1 && simulator.Calls.Count("sink/slack") >= 2, string.Join(", ", simulator.Calls.Snapshot()));
        Assert.Contains(simulator.Sink.Messages, m => m.Channel == "slack");
        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level >= LogLevel.Warning);
        Assert.Contains(records, r => LogText.Of(r).Contains("sk-…(redacted)", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Category?.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) == true);

        var leaks = records.Select(LogText.Of).Where(Leaks).Select(t => "log: " + t)
            .Concat(bodies.Where(b => Leaks(b.Body)).Select(b => $"{b.What}: {b.Body}"))
            .Take(10).ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    private static bool Leaks(string text) =>
        text.Contains(Marker, StringComparison.OrdinalIgnoreCase) || text.Contains(MaskedTail, StringComparison.Ordinal);

    private static IEnumerable<FaultRule> PhaseOneFaults() =>
    [
        new() { Route = "projects", Kind = FaultKind.ServiceUnavailable, OnCall = 1 },
        new() { Route = "usage/completions", Kind = FaultKind.RateLimited, OnCall = 1, RetryAfterSeconds = 1 },
        new() { Route = "costs", Kind = FaultKind.ServerError, OnCall = 1, Times = 2 },
        new() { Route = "usage/embeddings", Kind = FaultKind.MalformedJson, OnCall = 1 },
        new() { Route = "usage/images", Kind = FaultKind.MissingData, OnCall = 1 },
        new() { Route = "sink/slack", Kind = FaultKind.ServiceUnavailable, OnCall = 1 },
        new() { Route = "sink/teams", Kind = FaultKind.Unauthorized, OnCall = 1 },
    ];

    private static Task<WebApplication> BuildAsync(SimulatorServer simulator, FakeLogCollector logs) =>
        StandaloneApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Storage:TablePrefix"] = Azurite.UniquePrefix("leaks"),
                ["Secrets:HttpApiKey"] = ApiKey,
                ["Secrets:OpenAiAdminKey"] = AdminKey,
                ["Secrets:TeamsWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/teams/" + TeamsToken).ToString(),
                ["Secrets:SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/" + SlackToken).ToString(),
                ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
                ["OpenAI:RetryBaseDelay"] = "00:00:00.050",
                ["Notifications:AllowLoopbackWebhooks"] = "true",
                ["Notifications:MinInterval"] = "00:00:00",
                ["Schedules:RunOnStartup"] = "false",
                // As verbose as an operator could make it: every category the host's appsettings quiets, at Trace.
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
                ["Logging:LogLevel:Polly"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            });
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        });

    private static async Task<string> GetAsync(HttpClient http, string pathAndQuery, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/" + pathAndQuery);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await http.SendAsync(request);
        return $"{(int)response.StatusCode} {response.Content.Headers} {await response.Content.ReadAsStringAsync()}";
    }
}
