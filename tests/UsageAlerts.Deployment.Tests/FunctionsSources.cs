using System.Text.Json;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// The texts the Functions consistency checks read: the library's names, the Functions project, host.json and the
/// infrastructure's schedule defaults. Tests load them from the repository; the checks' own tests swap in broken
/// copies (<c>with</c>) to show each check fails.
/// </summary>
internal sealed record FunctionsSources(
    string JobNames,
    string RouteNames,
    string ScheduleOptions,
    IReadOnlyDictionary<string, string> FunctionFiles,
    string Program,
    string Project,
    string HostJson,
    string InfraSchedules,
    string LocalSettings)
{
    public static string ProjectDirectory { get; } = Repo.File("src", "UsageAlerts.Functions");

    public LibraryContract Library => LibraryContract.Parse(JobNames, RouteNames, ScheduleOptions);

    public IReadOnlyList<FunctionFile> Files =>
        FunctionFiles.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => FunctionFile.Parse(f.Key, f.Value)).ToList();

    public IReadOnlyList<FunctionDeclaration> Functions => Files.SelectMany(f => f.Functions).ToList();

    /// <summary>infra/schedules.json: job name to its default NCRONTAB expression.</summary>
    public IReadOnlyDictionary<string, string> InfraScheduleDefaults =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(InfraSchedules) ?? [];

    /// <summary>The <c>Values</c> of local.settings.example.json.</summary>
    public IReadOnlyDictionary<string, string> LocalSettingValues
    {
        get
        {
            using var document = JsonDocument.Parse(LocalSettings);
            return document.RootElement.TryGetProperty("Values", out var values)
                ? values.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
                : [];
        }
    }

    public static FunctionsSources Load()
    {
        var files = Directory.EnumerateFiles(ProjectDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(ProjectDirectory, file).Replace('\\', '/'))
            .Where(file => file != "Program.cs" && !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .ToDictionary(file => file, file => File.ReadAllText(Path.Combine(ProjectDirectory, file)), StringComparer.Ordinal);

        return new FunctionsSources(
            Read("src", "UsageAlerts", "Jobs", "JobNames.cs"),
            Read("src", "UsageAlerts", "Http", "RouteNames.cs"),
            Read("src", "UsageAlerts", "Configuration", "ScheduleOptions.cs"),
            files,
            File.ReadAllText(Path.Combine(ProjectDirectory, "Program.cs")),
            File.ReadAllText(Path.Combine(ProjectDirectory, "UsageAlerts.Functions.csproj")),
            Read("host.json"),
            Read("infra", "schedules.json"),
            File.ReadAllText(Path.Combine(ProjectDirectory, "local.settings.example.json")));
    }

    /// <summary>A copy with one function file replaced, added, or (with null) removed.</summary>
    public FunctionsSources WithFile(string path, string? text)
    {
        var files = FunctionFiles.ToDictionary(StringComparer.Ordinal);
        if (text is null)
        {
            files.Remove(path);
        }
        else
        {
            files[path] = text;
        }

        return this with { FunctionFiles = files };
    }

    private static string Read(params string[] parts) => File.ReadAllText(Repo.File(parts));
}
