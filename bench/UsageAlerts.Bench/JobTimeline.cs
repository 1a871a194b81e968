using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Testing;

namespace UsageAlerts.Bench;

/// <summary>
/// The library wired as the hosts wire it (<c>AddUsageAlerts</c>) over Azurite, polling the simulator over real HTTP
/// and delivering to its webhook sink, with one fake clock for both. Jobs run through <see cref="ScheduledJobs"/>,
/// the hosts' own entry point, at the fire times of the schedules the app ships (<see cref="ScheduleOptions"/>
/// defaults), so days of schedule waits take the seconds the jobs themselves take. The clock stands still while
/// a job runs: each run's real duration is recorded apart, for the bench to add where it lies on the path.
/// </summary>
internal sealed class JobTimeline : IAsyncDisposable
{
    private readonly string _rulesPath = Path.Combine(Path.GetTempPath(), $"bench-rules-{Guid.NewGuid():N}.json");
    private readonly ScheduleStepper _stepper;
    private readonly ServiceProvider _services;

    private JobTimeline(FakeTimeProvider clock, SimulatorServer simulator, string connection, string prefix, string rules, IReadOnlyList<string> jobs)
    {
        Clock = clock;
        Simulator = simulator;
        File.WriteAllText(_rulesPath, rules);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connection,
            ["Storage:TablePrefix"] = prefix,
            ["OpenAI:BaseUrl"] = simulator.OpenAiBaseAddress.ToString(),
            ["Secrets:OpenAiAdminKey"] = new SimulatorOptions().AdminKey,
            ["Secrets:SlackWebhookUrl"] = new Uri(simulator.BaseAddress, "sink/slack/bench-slack").ToString(),
            ["Notifications:AllowLoopbackWebhooks"] = "true",
            // The webhook pacer waits on the clock, which only moves between jobs: one receiver, nothing to pace.
            ["Notifications:MinInterval"] = "00:00:00",
            ["Rules:Path"] = _rulesPath,
            // Real I/O takes real time while the fake clock stands still: no fake-time timeouts.
            ["OpenAI:AttemptTimeout"] = "00:10:00",
            ["OpenAI:CallBudget"] = "00:30:00",
            ["Ingestion:RunBudget"] = "01:00:00",
        }).Build();
        Jobs = jobs;
        _stepper = new ScheduleStepper(clock, jobs);
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        services.AddUsageAlerts(configuration);
        _services = services.BuildServiceProvider();
    }

    /// <summary>The receiver rules files name (type slack, secret <c>SlackWebhookUrl</c>).</summary>
    public const string Receiver = "bench-slack";

    public FakeTimeProvider Clock { get; }

    public SimulatorServer Simulator { get; }

    public IServiceProvider Services => _services;

    /// <summary>The jobs this timeline runs, in the order same-second occurrences run (polls before Evaluate).</summary>
    public IReadOnlyList<string> Jobs { get; }

    /// <summary>Every run so far: job, the simulated time it fired, its real duration.</summary>
    public List<JobTimelineRun> Runs { get; } = [];

    /// <param name="rules">The whole rules file; its receiver must be <see cref="Receiver"/>.</param>
    public static async Task<JobTimeline> StartAsync(string connection, string prefix, DateTimeOffset start, SimulatorOptions options, string rules, IReadOnlyList<string> jobs)
    {
        var clock = new FakeTimeProvider(start);
        var simulator = await SimulatorServer.StartAsync(options, clock);
        return new JobTimeline(clock, simulator, connection, prefix, rules, jobs);
    }

    /// <summary>Every job once at the clock's time, in order: what the standalone host does with <c>RunOnStartup</c>.</summary>
    public async Task StartUpAsync()
    {
        foreach (var job in Jobs)
        {
            await RunJobAsync(job);
        }
    }

    /// <summary>Runs one job now; fails the bench when the job fails, since a failed poll would measure nothing.</summary>
    public async Task RunJobAsync(string job)
    {
        var started = Stopwatch.GetTimestamp();
        var firedAt = Clock.GetUtcNow();
        await _services.GetRequiredService<ScheduledJobs>().RunAsync(job);
        Runs.Add(new JobTimelineRun(job, firedAt, Stopwatch.GetElapsedTime(started)));
        var latest = await _services.GetRequiredService<JobRunStore>().LatestAsync(job, 1, CancellationToken.None);
        if (latest.Count > 0 && latest[0] is { Succeeded: false } last)
        {
            throw new InvalidOperationException($"{job} failed at {firedAt:u}: {last.Errors}");
        }
    }

    /// <summary>
    /// Moves the clock to each fire time of the schedules after now, up to <paramref name="until"/>, running the jobs
    /// due; stops early (clock at that fire time) once <paramref name="done"/> holds after a fire time.
    /// </summary>
    public Task RunUntilAsync(DateTimeOffset until, Func<bool>? done = null) => _stepper.RunUntilAsync(until, RunJobAsync, done);

    /// <summary>Jumps the clock without running anything (the app idle meanwhile, as a host that was off).</summary>
    public void JumpTo(DateTimeOffset time) => Clock.AdjustTime(time);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        File.Delete(_rulesPath);
    }
}

/// <summary>One job run on a <see cref="JobTimeline"/>.</summary>
internal sealed record JobTimelineRun(string Job, DateTimeOffset FiredAt, TimeSpan Wall);
