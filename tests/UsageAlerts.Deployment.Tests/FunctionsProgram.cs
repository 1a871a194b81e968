using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace UsageAlerts.Deployment.Tests;

/// <summary>Check 5: Program.cs, the project file, host.json and local.settings.example.json of the Functions app.</summary>
internal static class FunctionsProgram
{
    public static readonly TimeSpan MaxFunctionTimeout = TimeSpan.FromMinutes(10);

    private static readonly string[] RequiredPackages =
    [
        "Microsoft.Azure.Functions.Worker",
        "Microsoft.Azure.Functions.Worker.Sdk",
        "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore",
        "Microsoft.Azure.Functions.Worker.Extensions.Timer",
        "Microsoft.Azure.Functions.Worker.ApplicationInsights",
        "Microsoft.ApplicationInsights.WorkerService",
    ];

    private static readonly (string Pattern, string Missing)[] ProgramCalls =
    [
        (@"\bFunctionsApplication\.CreateBuilder\(\s*args\s*\)", "FunctionsApplication.CreateBuilder(args)"),
        (@"\.ConfigureFunctionsWebApplication\(\s*\)", "builder.ConfigureFunctionsWebApplication() (ASP.NET Core integration: HttpRequest and IActionResult)"),
        (@"\.AddUsageAlerts\(\s*builder\.Configuration\s*\)", "builder.Services.AddUsageAlerts(builder.Configuration) (the library's one wiring method)"),
        (@"\.AddApplicationInsightsTelemetryWorkerService\(\s*\)", "builder.Services.AddApplicationInsightsTelemetryWorkerService()"),
        (@"\.ConfigureFunctionsApplicationInsights\(\s*\)", ".ConfigureFunctionsApplicationInsights()"),
        (@"\.Build\(\s*\)\s*\.Run\(\s*\)", "builder.Build().Run()"),
    ];

    public static List<string> Check(string program)
    {
        var code = CSharpText.StripComments(program);
        var problems = ProgramCalls.Where(c => !Regex.IsMatch(code, c.Pattern)).Select(c => $"Program.cs does not call {c.Missing}.").ToList();
        if (code.Contains("ConfigureFunctionsWorkerDefaults", StringComparison.Ordinal))
        {
            problems.Add("Program.cs calls ConfigureFunctionsWorkerDefaults; the HttpRequest/IActionResult triggers need ConfigureFunctionsWebApplication only.");
        }

        return problems;
    }

    public static List<string> CheckProject(string project, string hostJson)
    {
        var problems = new List<string>();
        var root = XDocument.Parse(project).Root!;
        var items = root.Descendants("None")
            .Where(n => ((string?)n.Attribute("Include") ?? (string?)n.Attribute("Update"))?.Replace('\\', '/') == "../../host.json")
            .ToList();
        if (items.Count == 0)
        {
            problems.Add("UsageAlerts.Functions.csproj does not link the root host.json: add <None Include=\"../../host.json\" Link=\"host.json\" CopyToOutputDirectory=\"PreserveNewest\" CopyToPublishDirectory=\"PreserveNewest\" />.");
        }

        foreach (var item in items)
        {
            Expect(problems, Value(item, "Link") == "host.json", $"The host.json item has Link=\"{Value(item, "Link")}\"; expected \"host.json\" (the host reads it from the app root).");
            foreach (var copy in new[] { "CopyToOutputDirectory", "CopyToPublishDirectory" })
            {
                Expect(problems, Value(item, copy) is "PreserveNewest" or "Always", $"The host.json item has {copy}=\"{Value(item, copy)}\"; expected PreserveNewest (azd publishes only the project folder).");
            }
        }

        var packages = root.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        problems.AddRange(RequiredPackages.Where(p => !packages.Contains(p)).Select(p => $"UsageAlerts.Functions.csproj has no PackageReference to {p}."));
        problems.AddRange(CheckHostJson(hostJson));
        return problems;
    }

    public static List<string> CheckHostJson(string hostJson)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(hostJson);
        var root = document.RootElement;
        var timeout = root.TryGetProperty("functionTimeout", out var t) ? t.GetString() : null;
        if (timeout is null)
        {
            problems.Add($"host.json sets no functionTimeout (the default is 30 minutes off Consumption); set at most {MaxFunctionTimeout:c}.");
        }
        else if (!TimeSpan.TryParse(timeout, CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero || value > MaxFunctionTimeout)
        {
            problems.Add($"host.json functionTimeout is \"{timeout}\"; expected a duration up to {MaxFunctionTimeout:c}.");
        }

        var prefix = root.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var p)
            ? p.GetString()
            : null;
        Expect(problems, prefix == "api", $"host.json extensions.http.routePrefix is {(prefix is null ? "missing" : $"\"{prefix}\"")}; expected \"api\" (the standalone host serves the same /api/ paths).");
        return problems;
    }

    public static List<string> CheckLocalSettings(IReadOnlyDictionary<string, string> values)
    {
        var problems = new List<string>();
        foreach (var (name, expected) in new[] { ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"), ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Storage__ConnectionString", "UseDevelopmentStorage=true") })
        {
            Expect(problems, values.GetValueOrDefault(name) == expected, $"local.settings.example.json Values.{name} is \"{values.GetValueOrDefault(name)}\"; expected \"{expected}\".");
        }

        return problems;
    }

    private static string? Value(XElement item, string name) => (string?)item.Attribute(name) ?? (string?)item.Element(name);

    private static void Expect(List<string> problems, bool condition, string message)
    {
        if (!condition)
        {
            problems.Add(message);
        }
    }
}
