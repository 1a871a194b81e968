namespace UsageAlerts.Jobs;

/// <summary>
/// The scheduled jobs. Each name is also the key of its schedule setting (<c>Schedules:&lt;name&gt;</c>) and the
/// name of its timer function.
/// </summary>
public static class JobNames
{
    public const string PollUsage = nameof(PollUsage);
    public const string PollRecentUsage = nameof(PollRecentUsage);
    public const string PollCosts = nameof(PollCosts);
    public const string PollProjects = nameof(PollProjects);
    public const string Cleanup = nameof(Cleanup);
    public const string Evaluate = nameof(Evaluate);
    public const string Deliver = nameof(Deliver);
    public const string Digest = nameof(Digest);

    public static IReadOnlyList<string> All { get; } = [PollUsage, PollRecentUsage, PollCosts, PollProjects, Cleanup, Evaluate, Deliver, Digest];
}
