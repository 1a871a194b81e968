using System.Text.Json;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// Runs the Bicep CLI once per test run: build (which installs the CLI if needed), then lint and format in parallel.
/// </summary>
public sealed class BicepFixture : IDisposable
{
    private readonly DirectoryInfo outDir = Directory.CreateTempSubdirectory("usagealerts-bicep-");
    private readonly JsonDocument? template;

    public BicepFixture()
    {
        BicepFiles = Directory.GetFiles(Repo.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        // Format a copy of infra/ (bicepconfig.json included) in one run: one process per file with --stdout
        // gives the same result but costs about a second each.
        var copy = Path.Combine(outDir.FullName, "format");
        CopyDirectory(Repo.Infra, copy);

        // The first run installs the CLI when it is missing, so it runs alone.
        Build = Bicep.Run("build", Repo.MainBicep, "--outdir", outDir.FullName);
        var lint = Task.Run(() => Bicep.Run("lint", Repo.MainBicep));
        var format = Task.Run(() => Bicep.Run("format", "--pattern", Path.Combine(copy, "**", "*.bicep")));
        Task.WaitAll(lint, format);

        Lint = lint.Result;
        Format = format.Result;
        Formatted = BicepFiles.ToDictionary(file => file, file => Path.Combine(copy, Path.GetRelativePath(Repo.Infra, file)));

        var compiled = Path.Combine(outDir.FullName, "main.json");
        if (File.Exists(compiled))
        {
            template = JsonDocument.Parse(File.ReadAllText(compiled));
        }
    }

    public BicepResult Build { get; }

    public BicepResult Lint { get; }

    public IReadOnlyList<string> BicepFiles { get; }

    public BicepResult Format { get; }

    /// <summary>Each file under infra/ and its formatted copy.</summary>
    public IReadOnlyDictionary<string, string> Formatted { get; }

    /// <summary>The compiled ARM template of infra/main.bicep.</summary>
    public JsonElement Template =>
        template?.RootElement ?? throw new InvalidOperationException($"bicep build produced no main.json.\n{Build.Describe()}");

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        template?.Dispose();
        outDir.Delete(recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BicepRuns : ICollectionFixture<BicepFixture>
{
    public const string Name = "Bicep";
}
