namespace UsageAlerts.Deployment.Tests;

/// <summary>Paths in the repository clone the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Infra { get; } = Path.Combine(Root, "infra");

    public static string MainBicep { get; } = Path.Combine(Infra, "main.bicep");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "UsageAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No UsageAlerts.sln above {AppContext.BaseDirectory}.");
    }
}
