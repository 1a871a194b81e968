using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.Deliver"/> job on the app setting <c>Schedules:Deliver</c>.</summary>
public sealed class DeliverFunction(ScheduledJobs jobs)
{
    [Function(JobNames.Deliver)]
    public Task RunAsync([TimerTrigger("%Schedules:Deliver%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.Deliver, timer.IsPastDue, cancellationToken);
}
