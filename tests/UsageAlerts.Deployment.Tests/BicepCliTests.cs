namespace UsageAlerts.Deployment.Tests;

/// <summary>infra/ compiles, lints and is formatted, with the Bicep CLI from tools/bicep.sh.</summary>
[Collection(BicepRuns.Name)]
public sealed class BicepCliTests(BicepFixture bicep)
{
    [Fact]
    public void Build_ReportsNoWarningsOrErrors() => AssertClean(bicep.Build);

    [Fact]
    public void Lint_ReportsNoWarningsOrErrors() => AssertClean(bicep.Lint);

    [Fact]
    public void EveryBicepFile_IsFormatted()
    {
        Assert.NotEmpty(bicep.BicepFiles);
        Assert.True(bicep.Format.ExitCode == 0 && bicep.Format.StdErr.Length == 0, bicep.Format.Describe());

        var unformatted = new List<string>();
        foreach (var (file, formatted) in bicep.Formatted)
        {
            var text = File.ReadAllText(file);
            var expected = File.ReadAllText(formatted);
            if (text != expected)
            {
                unformatted.Add($"{Path.GetRelativePath(Repo.Root, file)}: {FirstDifference(text, expected)}");
            }
        }

        Assert.True(unformatted.Count == 0, "Run `tools/bicep.sh format <file>` on:\n" + string.Join('\n', unformatted));
    }

    private static void AssertClean(BicepResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Problems.Count == 0, $"{string.Join('\n', result.Problems)}\n\n{result.Describe()}");
    }

    private static string FirstDifference(string actual, string formatted)
    {
        var a = actual.Split('\n');
        var f = formatted.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, f.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < f.Length ? f[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1}: '{left}' should be '{right}'";
            }
        }

        return "differs only in line endings";
    }
}
