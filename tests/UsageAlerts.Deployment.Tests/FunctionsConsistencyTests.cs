namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// The Functions project (which cannot be built here) read as text against the library's JobNames, RouteNames and
/// ScheduleOptions, read at test time: a job or route without its trigger, or a trigger on the wrong schedule,
/// authorization level or name, fails here with a message naming what to add or change.
/// </summary>
public sealed class FunctionsConsistencyTests
{
    private static readonly Lazy<FunctionsSources> Loaded = new(FunctionsSources.Load);

    private static FunctionsSources Sources => Loaded.Value;

    [Fact]
    public void LibraryNames_AreReadableAndAllListsEveryConstant() =>
        AssertNone(FunctionsConsistency.Library(Sources.Library));

    [Fact]
    public void EveryJob_HasOneTimerFunctionThatRunsItOnItsScheduleSetting() =>
        AssertNone(FunctionsConsistency.Jobs(Sources.Library, Sources.Functions));

    [Fact]
    public void EverySchedule_IsAScheduleOptionWithTheSameDefaultInInfraAndLocalSettings() =>
        AssertNone(FunctionsConsistency.Schedules(Sources.Library, Sources.Functions, Sources.InfraScheduleDefaults, Sources.LocalSettingValues));

    [Fact]
    public void EveryRoute_HasOneGetFunctionKeyedUnlessAnonymous() =>
        AssertNone(FunctionsConsistency.Routes(Sources.Library, Sources.Functions));

    [Fact]
    public void EveryFunction_IsAJobOrARouteWithAUniqueName() =>
        AssertNone(FunctionsConsistency.Names(Sources.Library, Sources.Functions));

    [Fact]
    public void FunctionFiles_AreThinAdapters() =>
        AssertNone(FunctionsConsistency.Thin(Sources.Files));

    [Fact]
    public void Program_WiresTheLibraryWithAspNetCoreIntegrationAndApplicationInsights() =>
        AssertNone(FunctionsProgram.Check(Sources.Program));

    [Fact]
    public void Project_LinksHostJson_AndHostJsonFitsFlexAndTheStandaloneRoutes()
    {
        AssertNone(FunctionsProgram.CheckProject(Sources.Project, Sources.HostJson));
        Assert.True(File.Exists(Path.Combine(FunctionsSources.ProjectDirectory, "../../host.json")), "The linked ../../host.json does not exist.");
        Assert.Contains("\"/api/\" + route", File.ReadAllText(Repo.File("src", "UsageAlerts.Standalone", "StandaloneApp.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettingsExample_RunsTheIsolatedWorkerOnTheStorageEmulator() =>
        AssertNone(FunctionsProgram.CheckLocalSettings(Sources.LocalSettingValues));

    [Fact]
    public void TheChecksSeeTheFunctionsThatExist()
    {
        // Guards the reader itself: if it stopped finding [Function] methods, every check above would pass vacuously.
        var functions = Sources.Functions;
        Assert.Equal(Sources.FunctionFiles.Count, Sources.Files.Count(f => f.Functions.Count > 0));
        Assert.Contains(functions, f => f.Trigger == "TimerTrigger");
        Assert.Contains(functions, f => f.Trigger == "HttpTrigger");
        Assert.NotEmpty(Sources.Library.Jobs);
        Assert.NotEmpty(Sources.Library.Routes);
        Assert.NotEmpty(Sources.Library.AnonymousRoutes);
    }

    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, FunctionsConsistency.Describe(problems));
}
