using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.Evaluate"/> job on the app setting <c>Schedules:Evaluate</c>.</summary>
public sealed class EvaluateFunction(ScheduledJobs jobs)
{
    [Function(JobNames.Evaluate)]
    public Task RunAsync([TimerTrigger("%Schedules:Evaluate%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.Evaluate, timer.IsPastDue, cancellationToken);
}
