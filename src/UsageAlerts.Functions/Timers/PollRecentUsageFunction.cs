using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.PollRecentUsage"/> job on the app setting <c>Schedules:PollRecentUsage</c>.</summary>
public sealed class PollRecentUsageFunction(ScheduledJobs jobs)
{
    [Function(JobNames.PollRecentUsage)]
    public Task RunAsync([TimerTrigger("%Schedules:PollRecentUsage%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.PollRecentUsage, timer.IsPastDue, cancellationToken);
}
