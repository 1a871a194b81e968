using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.PollCosts"/> job on the app setting <c>Schedules:PollCosts</c>.</summary>
public sealed class PollCostsFunction(ScheduledJobs jobs)
{
    [Function(JobNames.PollCosts)]
    public Task RunAsync([TimerTrigger("%Schedules:PollCosts%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.PollCosts, timer.IsPastDue, cancellationToken);
}
