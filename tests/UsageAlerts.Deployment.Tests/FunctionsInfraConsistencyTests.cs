using System.Text.Json;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// Check 2 against the compiled ARM template: every schedule a timer function reads (<c>%Schedules:X%</c>) and every
/// job's is an app setting <c>Schedules__X</c> the template sets, with the library's default.
/// </summary>
[Collection(BicepRuns.Name)]
public sealed class FunctionsInfraConsistencyTests(BicepFixture bicep)
{
    [Fact]
    public void EverySchedule_IsAnAppSettingTheTemplateSetsWithTheLibraryDefault()
    {
        var sources = FunctionsSources.Load();
        var appSettings = Arm.OfType(bicep.Template, "Microsoft.Web/sites/config")
            .Single(r => Arm.Text(r.Resource, "name").Contains("'appsettings'", StringComparison.Ordinal)).Resource
            .GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        var defaults = Arm.Variable(bicep.Template, "defaultSchedules").Deserialize<Dictionary<string, string>>() ?? [];

        var problems = FunctionsConsistency.InfraAppSettings(sources.Library, sources.Functions, appSettings, defaults);

        Assert.True(problems.Count == 0, FunctionsConsistency.Describe(problems));
    }
}
