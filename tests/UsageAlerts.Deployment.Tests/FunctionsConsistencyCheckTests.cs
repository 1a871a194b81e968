namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// The Functions consistency checks fail, with a message naming what is missing, when fed broken sources: a small
/// well-formed sample (which passes) with one thing broken at a time, and the repository's own sources with a
/// trigger removed or altered.
/// </summary>
public sealed class FunctionsConsistencyCheckTests
{
    private const string JobNames = """
        namespace UsageAlerts.Jobs;

        public static class JobNames
        {
            public const string PollUsage = nameof(PollUsage);
            public const string Cleanup = nameof(Cleanup);

            public static IReadOnlyList<string> All { get; } = [PollUsage, Cleanup];
        }
        """;

    private const string RouteNames = """
        namespace UsageAlerts.Http;

        /// <summary>Only <see cref="HealthProbe"/> is anonymous; "health" is not.</summary>
        public static class RouteNames
        {
            public const string Health = "health";
            public const string HealthProbe = "health/live";

            public static IReadOnlyList<string> All { get; } = [Health, HealthProbe];

            public static bool IsAnonymous(string route) => route == HealthProbe;
        }
        """;

    private const string ScheduleOptions = """
        public sealed class ScheduleOptions
        {
            public const string SectionName = "Schedules";

            public string PollUsage { get; set; } = "0 */15 * * * *";

            public string Cleanup { get; set; } = "0 30 3 * * *";

            public bool RunOnStartup { get; set; }
        }
        """;

    private const string Program = """
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using UsageAlerts;

        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddUsageAlerts(builder.Configuration);
        builder.Build().Run();
        """;

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Microsoft.Azure.Functions.Worker" />
            <PackageReference Include="Microsoft.Azure.Functions.Worker.Sdk" />
            <PackageReference Include="Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore" />
            <PackageReference Include="Microsoft.Azure.Functions.Worker.Extensions.Timer" />
            <PackageReference Include="Microsoft.Azure.Functions.Worker.ApplicationInsights" />
            <PackageReference Include="Microsoft.ApplicationInsights.WorkerService" />
          </ItemGroup>
          <ItemGroup>
            <None Include="../../host.json" Link="host.json" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />
          </ItemGroup>
        </Project>
        """;

    private const string HostJson = """{ "version": "2.0", "functionTimeout": "00:10:00", "extensions": { "http": { "routePrefix": "api" } } }""";

    private const string InfraSchedules = """{ "PollUsage": "0 */15 * * * *", "Cleanup": "0 30 3 * * *" }""";

    private const string LocalSettings = """
        {
          "IsEncrypted": false,
          "Values": {
            "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
            "AzureWebJobsStorage": "UseDevelopmentStorage=true",
            "Storage__ConnectionString": "UseDevelopmentStorage=true",
            "Schedules__PollUsage": "0 */15 * * * *",
            "Schedules__Cleanup": "0 30 3 * * *"
          }
        }
        """;

    private static readonly FunctionsSources Sample = new(
        JobNames,
        RouteNames,
        ScheduleOptions,
        new Dictionary<string, string>
        {
            ["Timers/PollUsageFunction.cs"] = Timer("PollUsage"),
            ["Timers/CleanupFunction.cs"] = Timer("Cleanup"),
            ["Http/HealthFunction.cs"] = Http("Health", "Function"),
            ["Http/HealthProbeFunction.cs"] = Http("HealthProbe", "Anonymous"),
        },
        Program,
        Project,
        HostJson,
        InfraSchedules,
        LocalSettings);

    [Fact]
    public void Sample_InTheDocumentedShape_HasNoProblems() =>
        Assert.Empty(FunctionsConsistency.All(Sample));

    [Fact]
    public void RepositorySources_WithATriggerRemovedOrAltered_FailNamingIt()
    {
        var sources = FunctionsSources.Load();
        var pollUsage = sources.FunctionFiles.Single(f => f.Value.Contains("[Function(JobNames.PollUsage)]", StringComparison.Ordinal));
        var probe = sources.FunctionFiles.Single(f => f.Value.Contains("AuthorizationLevel.Anonymous", StringComparison.Ordinal));

        var removed = FunctionsConsistency.All(sources.WithFile(pollUsage.Key, null));
        var keyed = FunctionsConsistency.All(sources.WithFile(probe.Key, probe.Value.Replace("AuthorizationLevel.Anonymous", "AuthorizationLevel.Function", StringComparison.Ordinal)));

        Assert.Contains(removed, p => p.StartsWith("Job 'PollUsage' (JobNames.PollUsage) has no timer function: add Timers/PollUsageFunction.cs", StringComparison.Ordinal));
        Assert.Contains(keyed, p => p.Contains("uses AuthorizationLevel.Function; expected AuthorizationLevel.Anonymous (RouteNames.IsAnonymous accepts it)", StringComparison.Ordinal));
    }

    [Fact]
    public void NewJob_WithoutFunctionOrSchedules_IsNamedWithWhatToAdd()
    {
        var sources = Sample with { JobNames = JobNames.Replace("Cleanup = nameof(Cleanup);", "Cleanup = nameof(Cleanup);\n    public const string Digest = nameof(Digest);", StringComparison.Ordinal) };

        var problems = FunctionsConsistency.All(sources);

        Assert.Contains("JobNames.All does not list JobNames.Digest: the standalone host would never schedule it.", problems);
        Assert.Contains("Job 'Digest' (JobNames.Digest) has no timer function: add Timers/DigestFunction.cs with [Function(JobNames.Digest)] and [TimerTrigger(\"%Schedules:Digest%\")].", problems);
        Assert.Contains("Schedule 'Digest': ScheduleOptions has no string property Digest with a literal default (the standalone host's schedule).", problems);
        Assert.Contains("Schedule 'Digest': infra/schedules.json has no default for Digest (the app setting Schedules__Digest in Azure).", problems);
        Assert.Contains(problems, p => p.StartsWith("Schedule 'Digest': local.settings.example.json has no Values.Schedules__Digest", StringComparison.Ordinal));
    }

    [Fact]
    public void Timer_OnALiteralScheduleOrDroppingIsPastDue_IsNamed()
    {
        var literal = Timer("PollUsage").Replace("\"%Schedules:PollUsage%\"", "\"0 */5 * * * *\"", StringComparison.Ordinal);
        var noPastDue = Timer("Cleanup").Replace("timer.IsPastDue", "false", StringComparison.Ordinal);

        var problems = FunctionsConsistency.All(Sample.WithFile("Timers/PollUsageFunction.cs", literal).WithFile("Timers/CleanupFunction.cs", noPastDue));

        Assert.Contains("Timer function 'PollUsage' (Timers/PollUsageFunction.cs:8): its schedule is \"0 */5 * * * *\"; expected \"%Schedules:PollUsage%\" (the app setting Schedules__PollUsage).", problems);
        Assert.Contains(problems, p => p.StartsWith("Timer function JobNames.PollUsage (Timers/PollUsageFunction.cs:8): schedule \"0 */5 * * * *\" is not an app-setting reference", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Timer function 'Cleanup' (Timers/CleanupFunction.cs:8): does not call jobs.RunAsync(JobNames.Cleanup, timer.IsPastDue, cancellationToken)", StringComparison.Ordinal));
    }

    [Fact]
    public void NewRoute_WithoutFunction_IsNamedWithWhatToAdd()
    {
        var sources = Sample with { RouteNames = RouteNames.Replace("HealthProbe = \"health/live\";", "HealthProbe = \"health/live\";\n    public const string RateLimits = \"rate-limits\";", StringComparison.Ordinal) };

        var problems = FunctionsConsistency.All(sources);

        Assert.Contains("Route 'rate-limits' (RouteNames.RateLimits) has no HTTP function: add Http/RateLimitsFunction.cs with [Function(nameof(RouteNames.RateLimits))] and [HttpTrigger(AuthorizationLevel.Function, \"get\", Route = RouteNames.RateLimits)].", problems);
        Assert.Contains("RouteNames.All does not list RouteNames.RateLimits: the standalone host would not map /api/rate-limits.", problems);
    }

    [Fact]
    public void WrongOrImplicitAuthorizationLevels_AreNamed()
    {
        var anonymousHealth = Http("Health", "Anonymous");
        var implicitProbe = Http("HealthProbe", "Anonymous").Replace("AuthorizationLevel.Anonymous, ", "", StringComparison.Ordinal);

        var problems = FunctionsConsistency.All(Sample.WithFile("Http/HealthFunction.cs", anonymousHealth).WithFile("Http/HealthProbeFunction.cs", implicitProbe));

        Assert.Contains("HTTP function for route 'health' (Http/HealthFunction.cs:9): uses AuthorizationLevel.Anonymous; expected AuthorizationLevel.Function (RouteNames.IsAnonymous does not accept it, so it needs a function key).", problems);
        Assert.Contains("HTTP function for route 'health/live' (Http/HealthProbeFunction.cs:9): passes no AuthorizationLevel (the methods-only constructor leaves it Anonymous); pass AuthorizationLevel.Anonymous first (RouteNames.IsAnonymous accepts it).", problems);
    }

    [Fact]
    public void HttpFunction_WithOtherMethodsNameOrCall_IsNamed()
    {
        var post = Http("Health", "Function")
            .Replace("\"get\"", "\"get\", \"post\"", StringComparison.Ordinal)
            .Replace("[Function(nameof(RouteNames.Health))]", "[Function(\"HealthCheck\")]", StringComparison.Ordinal)
            .Replace("HandleAsync(RouteNames.Health,", "HandleAsync(RouteNames.HealthProbe,", StringComparison.Ordinal);

        var problems = FunctionsConsistency.All(Sample.WithFile("Http/HealthFunction.cs", post));

        Assert.Contains("HTTP function for route 'health' (Http/HealthFunction.cs:9): allows methods [GET, POST]; expected exactly \"get\" (the standalone host maps GET only).", problems);
        Assert.Contains("HTTP function for route 'health' (Http/HealthFunction.cs:9): is named 'HealthCheck'; name it 'Health' ([Function(nameof(RouteNames.Health))]).", problems);
        Assert.Contains("Function [Function(\"HealthCheck\")] (Http/HealthFunction.cs:9): an HTTP function named 'HealthCheck', which is no route (RouteNames has no constant HealthCheck).", problems);
        Assert.Contains(problems, p => p.StartsWith("HTTP function for route 'health' (Http/HealthFunction.cs:9): does not call routes.HandleAsync(RouteNames.Health, request, cancellationToken)", StringComparison.Ordinal));
    }

    [Fact]
    public void Functions_ThatAreNoJobOrRoute_OrDuplicated_AreNamed()
    {
        var stray = Timer("PollUsage").Replace("JobNames.PollUsage", "\"Backfill\"", StringComparison.Ordinal).Replace("PollUsageFunction", "BackfillFunction", StringComparison.Ordinal);
        var sources = Sample.WithFile("Timers/BackfillFunction.cs", stray).WithFile("Timers/PollUsageAgainFunction.cs", Timer("PollUsage"));

        var problems = FunctionsConsistency.All(sources);

        Assert.Contains("Function [Function(\"Backfill\")] (Timers/BackfillFunction.cs:8): a timer function named 'Backfill', which is no job (JobNames has no such constant).", problems);
        Assert.Contains("Job 'PollUsage' (JobNames.PollUsage) has 2 timer functions (Timers/PollUsageAgainFunction.cs:8, Timers/PollUsageFunction.cs:8): keep exactly one.", problems);
        Assert.Contains("Function name 'PollUsage' is declared 2 times (Timers/PollUsageAgainFunction.cs:8, Timers/PollUsageFunction.cs:8); function names must be unique.", problems);
    }

    [Fact]
    public void ScheduleDefaults_ThatDiffer_AreNamed()
    {
        var sources = Sample with
        {
            InfraSchedules = InfraSchedules.Replace("0 30 3 * * *", "0 0 4 * * *", StringComparison.Ordinal),
            LocalSettings = LocalSettings.Replace("\"Schedules__PollUsage\": \"0 */15 * * * *\"", "\"Schedules__PollUsage\": \"0 */1 * * * *\"", StringComparison.Ordinal),
        };

        var problems = FunctionsConsistency.All(sources);

        Assert.Contains("Schedule 'Cleanup': infra/schedules.json says \"0 0 4 * * *\" but ScheduleOptions.Cleanup defaults to \"0 30 3 * * *\"; the two hosts would run on different timetables.", problems);
        Assert.Contains("Schedule 'PollUsage': local.settings.example.json says \"0 */1 * * * *\" but ScheduleOptions.PollUsage defaults to \"0 */15 * * * *\".", problems);
    }

    [Fact]
    public void Template_WithoutTheScheduleAppSettingOrDefault_IsNamed()
    {
        var appSettings = new Dictionary<string, string> { ["Schedules__PollUsage"] = "0 */15 * * * *" };
        var defaults = new Dictionary<string, string> { ["PollUsage"] = "0 */15 * * * *", ["Cleanup"] = "0 0 4 * * *" };

        var problems = FunctionsConsistency.InfraAppSettings(Sample.Library, Sample.Functions, appSettings, defaults);

        Assert.Equal(
            [
                "Schedule 'Cleanup': the compiled template sets no app setting Schedules__Cleanup, so %Schedules:Cleanup% would not resolve in Azure (add it to infra/app/function.bicep).",
                "Schedule 'Cleanup': the template's default is \"0 0 4 * * *\" but ScheduleOptions.Cleanup defaults to \"0 30 3 * * *\".",
                "Schedule 'PollUsage': app setting Schedules__PollUsage is 0 */15 * * * *; expected [parameters('schedules').PollUsage] (schedules.json defaults merged with overrides).",
            ],
            problems);
    }

    [Fact]
    public void FunctionFile_ThatGrewOrIsNotPublicSealed_IsNamed()
    {
        var grown = Timer("PollUsage").Replace("public sealed class", "internal class", StringComparison.Ordinal) + string.Concat(Enumerable.Repeat("\n// more\n", 10));

        var problems = FunctionsConsistency.All(Sample.WithFile("Timers/PollUsageFunction.cs", grown));

        Assert.Contains("Timers/PollUsageFunction.cs has 30 lines (at most 25): a trigger only hands over to the library; move logic there.", problems);
        Assert.Contains("Timers/PollUsageFunction.cs: class PollUsageFunction is 'internal'; function classes are public sealed.", problems);
    }

    [Fact]
    public void Program_WithoutTheLibraryOrAspNetCoreIntegration_IsNamed()
    {
        var program = Program
            .Replace("builder.ConfigureFunctionsWebApplication();", "builder.ConfigureFunctionsWorkerDefaults();", StringComparison.Ordinal)
            .Replace("builder.Services.AddUsageAlerts(builder.Configuration);", "// builder.Services.AddUsageAlerts(builder.Configuration);", StringComparison.Ordinal);

        var problems = FunctionsConsistency.All(Sample with { Program = program });

        Assert.Contains("Program.cs does not call builder.ConfigureFunctionsWebApplication() (ASP.NET Core integration: HttpRequest and IActionResult).", problems);
        Assert.Contains("Program.cs does not call builder.Services.AddUsageAlerts(builder.Configuration) (the library's one wiring method).", problems);
        Assert.Contains("Program.cs calls ConfigureFunctionsWorkerDefaults; the HttpRequest/IActionResult triggers need ConfigureFunctionsWebApplication only.", problems);
    }

    [Fact]
    public void Project_AndHostJson_ThatWouldBreakPublishOrRoutes_AreNamed()
    {
        var sources = Sample with
        {
            Project = Project.Replace(" CopyToPublishDirectory=\"PreserveNewest\"", "", StringComparison.Ordinal),
            HostJson = """{ "version": "2.0", "functionTimeout": "00:30:00", "extensions": { "http": { "routePrefix": "" } } }""",
        };

        var problems = FunctionsConsistency.All(sources);

        Assert.Contains("The host.json item has CopyToPublishDirectory=\"\"; expected PreserveNewest (azd publishes only the project folder).", problems);
        Assert.Contains("host.json functionTimeout is \"00:30:00\"; expected a duration up to 00:10:00.", problems);
        Assert.Contains("host.json extensions.http.routePrefix is \"\"; expected \"api\" (the standalone host serves the same /api/ paths).", problems);
    }

    [Fact]
    public void CommentedOutFunction_DoesNotCount()
    {
        var commented = string.Join('\n', Timer("Cleanup").Split('\n').Select(line => "// " + line));

        var problems = FunctionsConsistency.All(Sample.WithFile("Timers/CleanupFunction.cs", commented));

        Assert.Contains(problems, p => p.StartsWith("Job 'Cleanup' (JobNames.Cleanup) has no timer function", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public static bool IsAnonymous(string route) => route is HealthProbe;")]
    [InlineData("public static bool IsAnonymous(string route) => route == \"health/live\";")]
    [InlineData("public static bool IsAnonymous(string route)\n    {\n        return string.Equals(route, HealthProbe, StringComparison.Ordinal);\n    }")]
    [InlineData("private static readonly HashSet<string> Anonymous = [HealthProbe];\n\n    public static bool IsAnonymous(string route) => Anonymous.Contains(route);")]
    public void IsAnonymous_IsReadInItsCommonForms(string method)
    {
        var routeNames = RouteNames.Replace("public static bool IsAnonymous(string route) => route == HealthProbe;", method, StringComparison.Ordinal);

        var library = LibraryContract.Parse(JobNames, routeNames, ScheduleOptions);

        Assert.Empty(library.Problems);
        Assert.Equal(["HealthProbe"], library.AnonymousRoutes);
    }

    [Fact]
    public void LibraryNames_ThatCannotBeRead_AreNamed()
    {
        var jobNames = JobNames.Replace("Cleanup = nameof(Cleanup);", "Cleanup = Prefix + \"Cleanup\";", StringComparison.Ordinal);
        var routeNames = RouteNames.Replace("route == HealthProbe", "route.StartsWith('h')", StringComparison.Ordinal);

        var library = LibraryContract.Parse(jobNames, routeNames, ScheduleOptions);

        Assert.Contains("JobNames.Cleanup = Prefix + \"Cleanup\": cannot read its value as text; use a string literal or nameof(Cleanup).", library.Problems);
        Assert.Contains("RouteNames.IsAnonymous: cannot tell which routes it accepts from 'route.StartsWith('h')'; compare the route with RouteNames constants.", library.Problems);
    }

    private static string Timer(string job) => $$"""
        using Microsoft.Azure.Functions.Worker;
        using UsageAlerts.Jobs;

        namespace UsageAlerts.Functions.Timers;

        public sealed class {{job}}Function(ScheduledJobs jobs)
        {
            [Function(JobNames.{{job}})]
            public Task RunAsync([TimerTrigger("%Schedules:{{job}}%")] TimerInfo timer, CancellationToken cancellationToken) =>
                jobs.RunAsync(JobNames.{{job}}, timer.IsPastDue, cancellationToken);
        }
        """;

    private static string Http(string route, string level) => $$"""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Functions.Worker;
        using UsageAlerts.Http;

        namespace UsageAlerts.Functions.Http;

        public sealed class {{route}}Function(HttpRoutes routes)
        {
            [Function(nameof(RouteNames.{{route}}))]
            public async Task<IActionResult> RunAsync(
                [HttpTrigger(AuthorizationLevel.{{level}}, "get", Route = RouteNames.{{route}})] HttpRequest request,
                CancellationToken cancellationToken) =>
                await routes.HandleAsync(RouteNames.{{route}}, request, cancellationToken);
        }
        """;
}
