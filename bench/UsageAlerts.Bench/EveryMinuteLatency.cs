using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Standalone;

namespace UsageAlerts.Bench;

/// <summary>
/// Time from spend crossing a budget at the simulated OpenAI to the budget message arriving at the webhook sink,
/// through the standalone host with every job on a one-minute schedule. Each trial is a fresh simulator, host and
/// table prefix; the budget sits midway between the month's spend before and after the flip (a revision epoch that
/// scales the last 48 hours), and the flips are spread over the minute so the schedule phase is sampled evenly.
/// </summary>
internal static class EveryMinuteLatency
{
    private const string EveryMinute = "0 * * * * *";
    private const string BudgetName = "Latency probe";
    private const int FlipEpoch = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(int trials)
    {
        var connection = Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
            ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        Console.WriteLine($"alert latency: {trials} trials, every job on '{EveryMinute}', budget message from flip to sink");
        var latencies = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            // Flip at 5 s, then evenly over the minute: the phase against the schedule is what varies the latency.
            var phase = 5 + 60.0 * trial / trials;
            var latency = await TrialAsync(connection, trial, phase);
            Console.WriteLine(latency is { } l
                ? $"  trial {trial + 1}: flipped {phase:F0} s past the minute, message after {l:F1} s"
                : $"  trial {trial + 1}: flipped {phase:F0} s past the minute, no message within {Patience.TotalMinutes} min");
            if (latency is { } value)
            {
                latencies.Add(value);
            }
        }

        if (latencies.Count == 0)
        {
            return 1;
        }

        latencies.Sort();
        Console.WriteLine($"latency s: min {latencies[0]:F1}, median {latencies[latencies.Count / 2]:F1}, max {latencies[^1]:F1}");
        Console.WriteLine("expected: PollCosts and Evaluate both start at second 0; the flip waits (60 - phase) s for the next costs poll,");
        Console.WriteLine("and an Evaluate started in that same second has usually read costs before the poll stored them, so the");
        Console.WriteLine("message comes with the following minute's Evaluate: about (60 - phase) + 60 s + evaluate + deliver, under");
        Console.WriteLine("120 s plus those; it is one minute sooner when the poll finishes before that Evaluate reads costs.");
        return latencies.Count == trials ? 0 : 1;
    }

    private static async Task<double?> TrialAsync(string connection, int trial, double phase)
    {
        var simulatorOptions = new SimulatorOptions { Projects = 4, Models = 3, Days = 35, Scenarios = false };
        await using var simulator = await SimulatorServer.StartAsync(simulatorOptions, TimeProvider.System);
        var rules = Path.Combine(Path.GetTempPath(), $"latency-rules-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(rules, Rules(BudgetBetween(simulator.Organization)));
        try
        {
            await using var app = await StandaloneApp.BuildAsync(["--urls", "http://127.0.0.1:0"], builder =>
                builder.Configuration.AddInMemoryCollection(Settings(connection, trial, simulator, simulatorOptions.AdminKey, rules)));
            await app.StartAsync();
            await FirstEvaluationAsync(app);
            if (Budget(simulator) is not null)
            {
                throw new InvalidOperationException("The budget fired before the flip: the trial measures nothing.");
            }

            await UntilPhaseAsync(phase);
            var flipped = DateTimeOffset.UtcNow;
            simulator.Organization.RevisionEpoch = FlipEpoch;
            while (DateTimeOffset.UtcNow - flipped < Patience)
            {
                if (Budget(simulator) is { } message)
                {
                    await app.StopAsync();
                    return (message.ReceivedAt - flipped).TotalSeconds;
                }

                await Task.Delay(100);
            }

            await app.StopAsync();
            return null;
        }
        finally
        {
            File.Delete(rules);
        }
    }

    private static SinkMessage? Budget(SimulatorServer simulator) =>
        simulator.Sink.Messages.FirstOrDefault(m => m.Body.Contains(BudgetName, StringComparison.Ordinal));

    /// <summary>Midway between this month's spend now and after the flip, so only the flip crosses it.</summary>
    private static decimal BudgetBetween(SimulatedOrganization organization)
    {
        var now = DateTimeOffset.UtcNow;
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var before = organization.Costs(month, now.AddDays(1)).Sum(c => c.AmountUsd);
        organization.RevisionEpoch = FlipEpoch;
        var after = organization.Costs(month, now.AddDays(1)).Sum(c => c.AmountUsd);
        organization.RevisionEpoch = 0;
        return Math.Round((before + after) / 2, 2);
    }

    private static string Rules(decimal amount) => $$"""
        {
          "receivers": [ { "name": "latency-slack", "type": "slack", "secret": "SlackWebhookUrl" } ],
          "defaultReceiver": "latency-slack",
          "budgets": [ { "name": "{{BudgetName}}", "scope": {}, "period": "month", "amountUsd": {{amount.ToString(CultureInfo.InvariantCulture)}},
                         "thresholds": [ { "percent": 100, "on": "actual" } ], "receivers": ["latency-slack"] } ]
        }
        """;

    private static Dictionary<string, string?> Settings(string connection, int trial, SimulatorServer simulator, string adminKey, string rules)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connection,
            ["Storage:TablePrefix"] = $"latency{DateTime.UtcNow:HHmmss}t{trial}",
            ["Secrets:HttpApiKey"] = Guid.NewGuid().ToString("N"),
            ["Secrets:OpenAiAdminKey"] = adminKey,
            ["Secrets:SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/latency").ToString(),
            ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["Rules:Path"] = rules,
            ["Notifications:AllowLoopbackWebhooks"] = "true",
            ["Schedules:RunOnStartup"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var job in JobNames.All)
        {
            settings[$"Schedules:{job}"] = EveryMinute;
        }

        return settings;
    }

    /// <summary>The start-up round (polls, then Evaluate) is over once an Evaluate run is recorded.</summary>
    private static async Task FirstEvaluationAsync(WebApplication app)
    {
        var runs = app.Services.GetRequiredService<JobRunStore>();
        while ((await runs.LatestAsync(JobNames.Evaluate, 1, CancellationToken.None)).Count == 0)
        {
            await Task.Delay(250);
        }
    }

    private static async Task UntilPhaseAsync(double phase)
    {
        var now = DateTimeOffset.UtcNow;
        var wait = (phase - (now.Second + now.Millisecond / 1000.0) + 60) % 60;
        await Task.Delay(TimeSpan.FromSeconds(wait));
    }
}
