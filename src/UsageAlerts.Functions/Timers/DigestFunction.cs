using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.Digest"/> job on the app setting <c>Schedules:Digest</c>.</summary>
public sealed class DigestFunction(ScheduledJobs jobs)
{
    [Function(JobNames.Digest)]
    public Task RunAsync([TimerTrigger("%Schedules:Digest%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.Digest, timer.IsPastDue, cancellationToken);
}
