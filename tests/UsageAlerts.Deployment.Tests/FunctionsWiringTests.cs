using System.Globalization;
using System.Text.Json;
using UsageAlerts.Configuration;
using UsageAlerts.Http;
using UsageAlerts.Jobs;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// The Functions app as the SDK compiled it (functions.metadata) against the library's compiled JobNames and
/// RouteNames: one timer per job on its schedule setting, one GET function per route with the route's auth level,
/// and nothing else. What the worker really serves is exercised in UsageAlerts.Functions.Tests.
/// </summary>
public sealed class FunctionsWiringTests
{
    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionsMetadata.Load();

    [Fact]
    public void EveryJob_HasATimerFunctionOnItsScheduleSetting()
    {
        foreach (var job in JobNames.All)
        {
            var timer = Assert.Single(Functions, f => f.Name == job);
            Assert.Equal("timerTrigger", timer.Type);
            Assert.Equal($"%Schedules:{job}%", timer.Schedule);
        }
    }

    [Fact]
    public void EveryRoute_HasOneGetFunctionWithItsRoute_KeyedUnlessItIsTheProbe()
    {
        foreach (var route in RouteNames.All)
        {
            var function = Assert.Single(Functions, f => f.Route == route);
            Assert.Equal("httpTrigger", function.Type);
            Assert.Equal(["get"], function.Methods);
            Assert.Equal(RouteNames.IsAnonymous(route) ? "Anonymous" : "Function", function.AuthLevel);
        }

        Assert.Equal([RouteNames.HealthProbe], Functions.Where(f => f.AuthLevel == "Anonymous").Select(f => f.Route));
    }

    [Fact]
    public void TheAppHasNoOtherFunctions() =>
        Assert.Equal(JobNames.All.Count + RouteNames.All.Count, Functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());

    [Fact]
    public void LocalSettingsExample_RunsTheIsolatedWorkerOnTheLibrarysSchedules()
    {
        using var local = JsonDocument.Parse(File.ReadAllText(Repo.File("src", "UsageAlerts.Functions", "local.settings.example.json")));
        var values = local.RootElement.GetProperty("Values");
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        foreach (var job in JobNames.All)
        {
            Assert.Equal(new ScheduleOptions().ExpressionFor(job), values.GetProperty($"Schedules__{job}").GetString());
        }
    }

    [Fact]
    public void HostJson_BoundsTheTimeout_ServesUnderApi_AndUsesOpenTelemetry()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Repo.File("host.json")));
        var root = host.RootElement;
        var timeout = TimeSpan.Parse(root.GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(timeout, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("OpenTelemetry", root.GetProperty("telemetryMode").GetString());
    }
}
