using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>Builds the projects: a few heavy ones, a long tail, and (in bigger orgs) one archived project.</summary>
internal static class ProjectCatalog
{
    public const int Research = 0;
    public const int NearCap = 1;

    private static readonly string[] Names =
    [
        "Research", "Customer Support Bot", "Search, Ranking & \"Labs\"", "Marketing Copy", "Internal Tools",
        "Data Platform", "Mobile App", "Sales Assist", "Docs Q&A", "Fraud Review", "Onboarding Flows",
        "Translation", "Code Review Bot", "Analytics Copilot", "Legal Drafts", "Recruiting",
    ];

    private static readonly int[] UtcOffsets = [0, -5, -8, 1, 2, 5, 8, 9];

    /// <summary>A mid-sized project, so that its spike stands out against its own history, not the org's.</summary>
    public static int Spike(int projectCount) => Math.Min(3, projectCount - 1);

    public static IReadOnlyList<ProjectInfo> Build(SimulatorOptions options, Timeline timeline)
    {
        var random = new DeterministicRandom(StableHash.Combine((ulong)options.Seed, 0x9A));
        var projects = new List<ProjectInfo>(options.Projects);
        var dataStart = DateTimeOffset.FromUnixTimeSeconds(timeline.DataStartHour * 3600);
        for (var i = 0; i < options.Projects; i++)
        {
            var id = "proj_" + random.NextAlphanumeric(24);
            var name = i < Names.Length ? Names[i] : $"{Names[i % Names.Length]} {i / Names.Length + 1}";
            var created = dataStart.AddDays(-1 - random.Next(400)).AddSeconds(random.Next(86_400));
            var archived = options.Projects >= 6 && i == options.Projects - 1
                ? Timeline.DayStart(dataStart.AddDays(Math.Max(1, options.Days / 2)))
                : (DateTimeOffset?)null;
            var keys = Enumerable.Range(0, options.ApiKeysPerProject).Select(_ => "key_" + random.NextAlphanumeric(16)).ToArray();
            var users = Enumerable.Range(0, options.UsersPerProject).Select(_ => "user-" + random.NextAlphanumeric(24)).ToArray();
            var stores = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => "vs_" + random.NextAlphanumeric(24)).ToArray();
            projects.Add(new ProjectInfo(
                i, id, name, created, archived, Weight(i, ref random),
                UtcOffsets[random.Next(UtcOffsets.Length)], keys, users, stores));
        }

        return projects;
    }

    private static double Weight(int index, ref DeterministicRandom random) => index switch
    {
        0 => 1.0,
        1 => 0.8,
        2 => 0.55,
        3 => 0.35,
        _ => 0.3 / (1 + (index - 3) * 0.35) * (0.5 + random.NextDouble()),
    };
}
