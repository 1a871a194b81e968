using System.Diagnostics;
using System.Reflection;

namespace UsageAlerts.Functions.Tests.WorkerHost;

/// <summary>
/// The Functions app as <c>azd deploy</c> ships it: the <c>dotnet publish</c> output of src/UsageAlerts.Functions,
/// published once per test run into .artifacts/, with its host.json, rules.json, worker.config.json and
/// functions.metadata.
/// </summary>
internal static class PublishedApp
{
    private static readonly Lazy<string> Published = new(Publish);

    public static string Directory => Published.Value;

    public static string Assembly => Path.Combine(Directory, "UsageAlerts.Functions.dll");

    public static string RepoRoot { get; } = FindRoot();

    private static string Publish()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
        var output = Path.Combine(RepoRoot, ".artifacts", "functions-publish", configuration);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No build servers: nothing may outlive the test run.
        foreach (var argument in new[] { "publish", "src/UsageAlerts.Functions/UsageAlerts.Functions.csproj", "--configuration", configuration, "--output", output, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of the Functions app took longer than 8 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the Functions app failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return output;
    }

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
