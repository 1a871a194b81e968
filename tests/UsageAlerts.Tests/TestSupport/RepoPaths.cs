namespace UsageAlerts.Tests.TestSupport;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>shared/ sits beside the repository (CI clones main with shared/ next to it).</summary>
    public static string Shared
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"shared/ reference folder not found at {path}");
        }
    }

    public static string SharedFixture(string name) => Path.Combine(Shared, "fixtures", "openai", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UsageAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("UsageAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}
