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
                await RunAsync(job, false, stoppingToken);
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

                await RunAsync(job, timeProvider.GetUtcNow() - due > PastDueTolerance, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunAsync(string job, bool pastDue, CancellationToken stoppingToken)
    {
        try
        {
            await jobs.RunAsync(job, pastDue, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A run that could not even be recorded (storage down) must not end this job's loop: the next
            // occurrence tries again, or the host would keep serving routes with its jobs silently stopped.
            LogLoopError(job, exception);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Job {Job} next runs at {Due:O}")]
    private partial void LogNext(string job, DateTimeOffset due);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Job {Job} failed outside its run (not recorded); it runs again at its next occurrence")]
    private partial void LogLoopError(string job, Exception exception);
}
