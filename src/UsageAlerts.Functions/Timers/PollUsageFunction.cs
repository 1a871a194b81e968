using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.PollUsage"/> job on the app setting <c>Schedules:PollUsage</c>.</summary>
public sealed class PollUsageFunction(ScheduledJobs jobs)
{
    [Function(JobNames.PollUsage)]
    public Task RunAsync([TimerTrigger("%Schedules:PollUsage%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.PollUsage, timer.IsPastDue, cancellationToken);
}
