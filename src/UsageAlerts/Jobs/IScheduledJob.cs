namespace UsageAlerts.Jobs;

/// <summary>A unit of scheduled work, registered under its <see cref="JobNames"/> key; both hosts run it through <see cref="ScheduledJobs"/>.</summary>
internal interface IScheduledJob
{
    Task<JobOutcome> RunAsync(CancellationToken cancellationToken);
}
