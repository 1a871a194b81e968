using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;
using UsageAlerts.Jobs;

namespace UsageAlerts.Standalone.Scheduling;

/// <summary>
/// Runs every job on its <c>Schedules:&lt;job&gt;</c> NCRONTAB expression, in UTC, like the Functions timer
/// triggers. The next occurrence is computed after a run ends, so a run longer than its interval, or a sleeping
/// machine, leads to one catch-up run (flagged past due), never a burst.
/// </summary>
internal sealed partial class JobScheduler(
    ScheduledJobs jobs,
    IOptions<ScheduleOptions> schedules,
    TimeProvider timeProvider,
    ILogger<JobScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(30);

    // Projects first, so names and rate limits are there when usage arrives; evaluation last, on fresh data.
    private static readonly string[] StartupOrder = [JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage, JobNames.Evaluate];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (schedules.Value.RunOnStartup)
        {
            foreach (var job in StartupOrder)
            {
                await jobs.RunAsync(job, cancellationToken: stoppingToken);
            }
        }

        await Task.WhenAll(JobNames.All.Select(job => LoopAsync(job, CronSchedule.Parse(schedules.Value.ExpressionFor(job)), stoppingToken)));
    }

    private async Task LoopAsync(string job, CronSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = schedule.Next(timeProvider.GetUtcNow());
            LogNext(job, due);
            var wait = due - timeProvider.GetUtcNow();
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }

                var pastDue = timeProvider.GetUtcNow() - due > PastDueTolerance;
                await jobs.RunAsync(job, pastDue, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Job {Job} next runs at {Due:O}")]
    private partial void LogNext(string job, DateTimeOffset due);
}
