using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Configuration;
using UsageAlerts.Jobs;
using UsageAlerts.Pricing;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;

namespace UsageAlerts.Bench;

/// <summary>
/// Time from spend crossing a budget to the budget message at the webhook sink, with the jobs on the schedules the
/// app ships and the simulator's costs lagging behind usage. Each trial: a fresh simulator and tables; one project's
/// traffic surges 1,000× from an hour on; a monthly budget on that project sits midway through the spend of one
/// surge minute, so the true crossing time is known (the middle of that minute, spend taken as even over a minute).
/// A <see cref="JobTimeline"/> runs every job at its default fire times from 20 minutes before the surge; latency
/// is the simulated time from the crossing to the run that delivered, plus that run's real duration (the clock stands
/// still while a job runs). Trials vary the hour of the surge and the surge minute the crossing falls in (1 to 5), so
/// the crossing's phase against the 5-minute usage poll is sampled evenly.
/// </summary>
internal static class DefaultScheduleLatency
{
    private const string BudgetName = "Latency probe";
    private const double SurgeFactor = 1000;
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(40);
    private static readonly DateTimeOffset FirstSurge = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every job on its default schedule; same-second occurrences run polls first, then Evaluate, then Deliver.</summary>
    private static readonly string[] Jobs =
        [JobNames.PollUsage, JobNames.PollRecentUsage, JobNames.PollCosts, JobNames.PollProjects, JobNames.Evaluate, JobNames.Deliver, JobNames.Digest, JobNames.Cleanup];

    public static async Task<int> RunAsync(int trials, int costsLagHours, int projects, int models)
    {
        var connection = Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
            ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        var defaults = new ScheduleOptions();
        Console.WriteLine($"alert latency, default schedules ({string.Join(", ", Jobs.Select(j => $"{j} '{defaults.ExpressionFor(j)}'"))}),");
        Console.WriteLine($"simulator {projects} projects x {models} models, costs lagging {costsLagHours} h, surge x{SurgeFactor:F0}; {trials} trials, simulated clock");
        var latencies = new List<TimeSpan>();
        var failed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var surge = FirstSurge.AddDays(3 * trial).AddHours(3 * trial);
            var minute = (trial % 5) + 1;
            var result = await TrialAsync(connection, trial, surge, minute, new SimulatorOptions { Projects = projects, Models = models, Days = 35, Scenarios = false, CostsLagHours = costsLagHours });
            Console.WriteLine($"  trial {trial + 1}: {result.Describe()}");
            if (result.Latency is { } latency)
            {
                latencies.Add(latency);
            }
            else
            {
                failed++;
            }
        }

        if (latencies.Count > 0)
        {
            latencies.Sort();
            var median = latencies.Count % 2 == 1 ? latencies[latencies.Count / 2] : (latencies[(latencies.Count / 2) - 1] + latencies[latencies.Count / 2]) / 2;
            Console.WriteLine($"latency min: min {Minutes(latencies[0])}, median {Minutes(median)}, max {Minutes(latencies[^1])}; target under {Target.TotalMinutes:F0} min: {(latencies[^1] < Target && failed == 0 ? "met" : "MISSED")}");
        }

        return failed == 0 ? 0 : 1;
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("F2", CultureInfo.InvariantCulture);

    private static async Task<TrialResult> TrialAsync(string connection, int trial, DateTimeOffset surge, int minute, SimulatorOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var start = surge - Lead;

        // The surging project: the one that spent most in the same hour the day before, so the surge has traffic to multiply.
        var probe = new SimulatedOrganization(options, new FakeTimeProvider(start));
        var dayBefore = probe.Costs(surge.AddDays(-1), surge.AddDays(-1).AddHours(1));
        var project = probe.Projects
            .Select((p, index) => (p.Id, Index: index, Spend: dayBefore.Where(c => c.ProjectId == p.Id).Sum(c => c.AmountUsd)))
            .MaxBy(p => p.Spend);
        options.SurgeFrom = surge;
        options.SurgeProject = project.Index;
        options.SurgeFactor = SurgeFactor;

        // The truth with the surge: the month before it, then minute by minute until the chosen minute adds spend.
        var truth = new SimulatedOrganization(options, new FakeTimeProvider(surge + Patience));
        var monthStart = new DateTimeOffset(surge.Year, surge.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var before = ProjectCost(truth, project.Id, monthStart, surge);
        decimal through(int m) => before + ProjectCost(truth, project.Id, surge, surge.AddMinutes(m));
        while (through(minute) <= through(minute - 1))
        {
            minute++;
        }

        var budget = Math.Round((through(minute - 1) + through(minute)) / 2, 2);
        var crossedAt = surge.AddMinutes(minute - 0.5);

        await using var timeline = await JobTimeline.StartAsync(connection, $"lat{DateTime.UtcNow:HHmmss}t{trial}", start, options, Rules(project.Id, budget), Jobs);
        await timeline.StartUpAsync();
        await timeline.RunUntilAsync(crossedAt);
        if (Budget(timeline) is { } early)
        {
            return new TrialResult(surge, project.Id, minute, crossedAt, null, $"message at {early.ReceivedAt:HH:mm:ss}, before the crossing (the app's month so far is above the truth by more than the surge's first minutes)", Stopwatch.GetElapsedTime(started));
        }

        // What the app sees at the first evaluation after the crossing, against the truth then: one-minute usage
        // (completions, embeddings) arrives every 5 minutes, the other usage with the 15-minute daily poll.
        var firstEvaluation = CronSchedule.Parse(new ScheduleOptions().Evaluate).Next(crossedAt);
        await timeline.RunUntilAsync(firstEvaluation);
        var seen = await AppSpendAsync(timeline, project.Id, monthStart, firstEvaluation);
        var seenThen = $"at {firstEvaluation:HH:mm:ss} the app saw {seen / ProjectCost(truth, project.Id, monthStart, firstEvaluation):P1} of the true month so far";
        await timeline.RunUntilAsync(surge + Patience, () => Budget(timeline) is not null);
        if (Budget(timeline) is not { } message)
        {
            return new TrialResult(surge, project.Id, minute, crossedAt, null, $"no message by {surge + Patience:HH:mm}; {seenThen}", Stopwatch.GetElapsedTime(started));
        }

        // The delivering run's real duration lies on the path; the poll before it must end before that run starts.
        var deliveredBy = timeline.Runs.Where(r => r.FiredAt == message.ReceivedAt).ToList();
        var run = deliveredBy.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Wall);
        var poll = timeline.Runs.LastOrDefault(r => r.Job == JobNames.PollRecentUsage && r.FiredAt < message.ReceivedAt);
        var latency = message.ReceivedAt - crossedAt + run;
        var detail = $"message {message.ReceivedAt:HH:mm:ss} by {string.Join("+", deliveredBy.Select(r => r.Job))} (+{run.TotalSeconds:F1} s run) = {Minutes(latency)} min"
            + $"{(message.Body.Contains("(estimated)", StringComparison.Ordinal) ? ", marked estimated" : ", NOT marked estimated")}"
            + (poll is null ? "" : $"; recent-usage poll {poll.FiredAt:HH:mm:ss} took {poll.Wall.TotalSeconds:F1} s") + $"; {seenThen}";
        return new TrialResult(surge, project.Id, minute, crossedAt, latency, detail, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The project's month so far as budgets read it (billed where final, else bill or estimate).</summary>
    private static async Task<decimal> AppSpendAsync(JobTimeline timeline, string project, DateTimeOffset monthStart, DateTimeOffset now)
    {
        var total = 0m;
        await foreach (var cost in timeline.Services.GetRequiredService<SpendReader>().ReadAsync(monthStart, Periods.Midnight(Periods.Day(now).AddDays(1)), CancellationToken.None))
        {
            total += cost.ProjectId == project ? cost.AmountUsd : 0;
        }

        return total;
    }

    private static decimal ProjectCost(SimulatedOrganization organization, string project, DateTimeOffset from, DateTimeOffset to) =>
        organization.Costs(from, to).Where(c => c.ProjectId == project).Sum(c => c.AmountUsd);

    private static SinkMessage? Budget(JobTimeline timeline) =>
        timeline.Simulator.Sink.Messages.FirstOrDefault(m => m.Body.Contains(BudgetName, StringComparison.Ordinal));

    private static string Rules(string project, decimal amount) => $$"""
        {
          "receivers": [ { "name": "{{JobTimeline.Receiver}}", "type": "slack", "secret": "SlackWebhookUrl" } ],
          "budgets": [ { "id": "latency", "name": "{{BudgetName}}", "scope": { "projects": ["{{project}}"] }, "period": "month",
                         "amountUsd": {{amount.ToString(CultureInfo.InvariantCulture)}},
                         "thresholds": [ { "percent": 100, "on": "actual" } ], "receivers": ["{{JobTimeline.Receiver}}"] } ]
        }
        """;

    private sealed record TrialResult(DateTimeOffset Surge, string Project, int Minute, DateTimeOffset CrossedAt, TimeSpan? Latency, string Detail, TimeSpan Took)
    {
        public string Describe() =>
            $"surge {Surge:yyyy-MM-dd HH:mm} ({Project}), budget crossed {CrossedAt:HH:mm:ss} (surge minute {Minute}), {Detail} [{Took.TotalSeconds:F0} s]";
    }
}
