using System.Diagnostics;

namespace UsageAlerts.Deployment.Tests;

public sealed record BicepResult(string Arguments, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>
    /// Diagnostic lines. Wrong property names and types (BCP036, BCP089) are warnings with exit code 0,
    /// so any line that says Warning or Error counts, whatever the exit code.
    /// </summary>
    public IReadOnlyList<string> Problems =>
        (StdOut + "\n" + StdErr)
            .Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Contains("Warning", StringComparison.Ordinal) || line.Contains("Error", StringComparison.Ordinal))
            .ToList();

    public string Describe() =>
        $"bicep {Arguments} exited {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the Bicep CLI through tools/bicep.sh, which restores it from NuGet when it is missing.</summary>
internal static class Bicep
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "tools", "bicep.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepResult(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result);
    }
}
