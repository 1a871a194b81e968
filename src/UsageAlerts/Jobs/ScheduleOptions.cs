namespace UsageAlerts.Jobs;

/// <summary>
/// Section <c>Schedules</c>: one 6-field NCRONTAB expression (seconds first, UTC) per job. The Functions app reads
/// the same settings through <c>%Schedules:&lt;job&gt;%</c>, so both hosts always run on one timetable.
/// </summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Schedules";

    public string PollUsage { get; set; } = "0 */15 * * * *";

    public string PollRecentUsage { get; set; } = "0 */5 * * * *";

    public string PollCosts { get; set; } = "0 10 * * * *";

    public string PollProjects { get; set; } = "0 20 * * * *";

    public string Cleanup { get; set; } = "0 30 3 * * *";

    public string Evaluate { get; set; } = "30 */5 * * * *";

    public string Deliver { get; set; } = "45 * * * * *";

    /// <summary>Checks hourly which digests came due; each digest's own schedule is in the rules file.</summary>
    public string Digest { get; set; } = "0 0 * * * *";

    /// <summary>Standalone host only: run every job once at start instead of waiting for its first occurrence.</summary>
    public bool RunOnStartup { get; set; }

    public string ExpressionFor(string job) => job switch
    {
        JobNames.PollUsage => PollUsage,
        JobNames.PollRecentUsage => PollRecentUsage,
        JobNames.PollCosts => PollCosts,
        JobNames.PollProjects => PollProjects,
        JobNames.Cleanup => Cleanup,
        JobNames.Evaluate => Evaluate,
        JobNames.Deliver => Deliver,
        JobNames.Digest => Digest,
        _ => throw new ArgumentException($"No schedule setting for job '{job}'.", nameof(job)),
    };
}
