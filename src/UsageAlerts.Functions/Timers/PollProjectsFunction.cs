using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Jobs;

namespace UsageAlerts.Functions.Timers;

/// <summary>Runs the <see cref="JobNames.PollProjects"/> job on the app setting <c>Schedules:PollProjects</c>.</summary>
public sealed class PollProjectsFunction(ScheduledJobs jobs)
{
    [Function(JobNames.PollProjects)]
    public Task RunAsync([TimerTrigger("%Schedules:PollProjects%")] TimerInfo timer, CancellationToken cancellationToken) =>
        jobs.RunAsync(JobNames.PollProjects, timer.IsPastDue, cancellationToken);
}
