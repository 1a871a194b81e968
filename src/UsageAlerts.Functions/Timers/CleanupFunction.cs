using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.Cleanup"/> job on the app setting <c>Schedules:Cleanup</c>.</summary>
public sealed class CleanupFunction(ScheduledJobs jobs)
{
    [Function(JobNames.Cleanup)]
    public Task RunAsync([TimerTrigger("%Schedules:Cleanup%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.Cleanup, timer.IsPastDue, cancellationToken);
}
