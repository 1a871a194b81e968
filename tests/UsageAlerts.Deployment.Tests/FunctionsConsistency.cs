using System.Globalization;
using System.Text.RegularExpressions;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// Checks that the Functions project is exactly one thin trigger per library job and route, on the schedules the
/// library and the infrastructure define. Each check returns one message per problem, naming what is missing.
/// </summary>
internal static partial class FunctionsConsistency
{
    public const int MaxFunctionFileLines = 25;

    /// <summary>Every source-only check (everything but the compiled ARM template).</summary>
    public static List<string> All(FunctionsSources sources)
    {
        var library = sources.Library;
        var functions = sources.Functions;
        return
        [
            .. Library(library),
            .. Jobs(library, functions),
            .. Routes(library, functions),
            .. Names(library, functions),
            .. Schedules(library, functions, sources.InfraScheduleDefaults, sources.LocalSettingValues),
            .. Thin(sources.Files),
            .. FunctionsProgram.Check(sources.Program),
            .. FunctionsProgram.CheckProject(sources.Project, sources.HostJson),
            .. FunctionsProgram.CheckLocalSettings(sources.LocalSettingValues),
        ];
    }

    /// <summary>The library's names are readable, and each All list holds every constant (the standalone host maps All).</summary>
    public static List<string> Library(LibraryContract library)
    {
        List<string> problems = [.. library.Problems];
        problems.AddRange(library.Jobs.Keys.Except(library.JobsInAll).Select(job => $"JobNames.All does not list JobNames.{job}: the standalone host would never schedule it."));
        problems.AddRange(library.Routes.Keys.Except(library.RoutesInAll).Select(route => $"RouteNames.All does not list RouteNames.{route}: the standalone host would not map /api/{library.Routes[route]}."));
        return problems;
    }

    /// <summary>Check 1: each job has exactly one timer function on <c>%Schedules:&lt;Job&gt;%</c> that runs it.</summary>
    public static List<string> Jobs(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions)
    {
        var problems = new List<string>();
        foreach (var (job, name) in library.Jobs)
        {
            var timers = functions.Where(f => f.Trigger == "TimerTrigger" && FunctionName(f, library) == name).ToList();
            if (timers.Count != 1)
            {
                problems.Add(timers.Count == 0
                    ? $"Job '{name}' (JobNames.{job}) has no timer function: add Timers/{job}Function.cs with [Function(JobNames.{job})] and [TimerTrigger(\"%Schedules:{name}%\")]."
                    : $"Job '{name}' (JobNames.{job}) has {timers.Count} timer functions ({string.Join(", ", timers.Select(t => t.Location))}): keep exactly one.");
                continue;
            }

            var timer = timers[0];
            var where = $"Timer function '{name}' ({timer.Location})";
            var schedule = (timer.TriggerArguments.Count > 0 ? timer.TriggerArguments[0] : null) ?? "(none)";
            Expect(problems, schedule == $"\"%Schedules:{name}%\"", $"{where}: its schedule is {schedule}; expected \"%Schedules:{name}%\" (the app setting Schedules__{name}).");
            Expect(problems, timer.BoundType is "TimerInfo" or "Microsoft.Azure.Functions.Worker.TimerInfo", $"{where}: binds the trigger to {timer.BoundType ?? "nothing"}; expected TimerInfo.");
            Expect(problems, timer.TriggerProperties.GetValueOrDefault("RunOnStartup") != "true", $"{where}: sets RunOnStartup = true, which is for development only.");
            ExpectSignature(problems, where, timer, "Task");
            var call = $@"\bRunAsync\(\s*JobNames\.{job}\s*,\s*{timer.BoundParameter}\.IsPastDue\s*,\s*{timer.CancellationTokenParameter}\s*\)";
            Expect(problems, Regex.IsMatch(timer.Body, call), $"{where}: does not call jobs.RunAsync(JobNames.{job}, {timer.BoundParameter}.IsPastDue, {timer.CancellationTokenParameter ?? "cancellationToken"}); its body is '{timer.Body}'.");
        }

        return problems;
    }

    /// <summary>Check 3: each route has exactly one GET function at that route, keyed unless anonymous, that serves it.</summary>
    public static List<string> Routes(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions)
    {
        var problems = new List<string>();
        foreach (var (constant, route) in library.Routes)
        {
            var anonymous = library.AnonymousRoutes.Contains(constant);
            var level = anonymous ? "Anonymous" : "Function";
            var handlers = functions.Where(f => f.Trigger == "HttpTrigger" && RouteOf(f, library) == route).ToList();
            if (handlers.Count != 1)
            {
                problems.Add(handlers.Count == 0
                    ? $"Route '{route}' (RouteNames.{constant}) has no HTTP function: add Http/{constant}Function.cs with [Function(nameof(RouteNames.{constant}))] and [HttpTrigger(AuthorizationLevel.{level}, \"get\", Route = RouteNames.{constant})]."
                    : $"Route '{route}' (RouteNames.{constant}) has {handlers.Count} HTTP functions ({string.Join(", ", handlers.Select(h => h.Location))}): keep exactly one.");
                continue;
            }

            var handler = handlers[0];
            var where = $"HTTP function for route '{route}' ({handler.Location})";
            var name = FunctionName(handler, library);
            Expect(problems, name == constant, $"{where}: is named '{name ?? handler.NameExpression}'; name it '{constant}' ([Function(nameof(RouteNames.{constant}))]).");

            var arguments = handler.TriggerArguments;
            var given = arguments.Count > 0 ? AuthorizationLevelPattern().Match(arguments[0]) : Match.Empty;
            var why = anonymous ? "RouteNames.IsAnonymous accepts it" : "RouteNames.IsAnonymous does not accept it, so it needs a function key";
            Expect(problems, given.Success, $"{where}: passes no AuthorizationLevel (the methods-only constructor leaves it Anonymous); pass AuthorizationLevel.{level} first ({why}).");
            Expect(problems, !given.Success || given.Groups["level"].Value == level, $"{where}: uses AuthorizationLevel.{given.Groups["level"].Value}; expected AuthorizationLevel.{level} ({why}).");

            var methods = arguments.Skip(given.Success ? 1 : 0).Select(m => CSharpText.StringLiteral(m)?.ToUpperInvariant() ?? m).ToList();
            Expect(problems, methods is ["GET"], $"{where}: allows methods [{string.Join(", ", methods)}]; expected exactly \"get\" (the standalone host maps GET only).");
            Expect(problems, handler.BoundType is "HttpRequest" or "Microsoft.AspNetCore.Http.HttpRequest", $"{where}: binds the trigger to {handler.BoundType ?? "nothing"}; expected Microsoft.AspNetCore.Http.HttpRequest.");
            ExpectSignature(problems, where, handler, "Task<IActionResult>");
            var call = $@"\bHandleAsync\(\s*RouteNames\.{constant}\s*,\s*{handler.BoundParameter}\s*,\s*{handler.CancellationTokenParameter}\s*\)";
            Expect(problems, Regex.IsMatch(handler.Body, call), $"{where}: does not call routes.HandleAsync(RouteNames.{constant}, {handler.BoundParameter}, {handler.CancellationTokenParameter ?? "cancellationToken"}); its body is '{handler.Body}'.");
        }

        return problems;
    }

    /// <summary>Check 3, second half: no function is anything but a job's timer or a route's HTTP function, and names are unique.</summary>
    public static List<string> Names(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions)
    {
        var problems = new List<string>();
        foreach (var function in functions)
        {
            if (function.ParseError is not null)
            {
                problems.Add(function.ParseError);
                continue;
            }

            var name = FunctionName(function, library);
            var what = $"Function [Function({function.NameExpression})] ({function.Location})";
            if (name is null)
            {
                problems.Add($"{what}: cannot read its name; use JobNames.<Job>, nameof(RouteNames.<Route>) or a string literal.");
            }
            else if (function.Trigger == "TimerTrigger")
            {
                Expect(problems, library.Jobs.Values.Contains(name), $"{what}: a timer function named '{name}', which is no job (JobNames has no such constant).");
            }
            else if (function.Trigger == "HttpTrigger")
            {
                Expect(problems, library.Routes.ContainsKey(name), $"{what}: an HTTP function named '{name}', which is no route (RouteNames has no constant {name}).");
                var route = function.TriggerProperties.GetValueOrDefault("Route");
                Expect(problems, RouteOf(function, library) is not null, $"{what}: Route = {route ?? "(none)"} is not a RouteNames constant or the value of one.");
            }
            else
            {
                problems.Add($"{what}: has {(function.Trigger is null ? "no trigger parameter" : $"a {function.Trigger}")}; only TimerTrigger (jobs) and HttpTrigger (routes) belong here.");
            }
        }

        foreach (var duplicate in functions.GroupBy(f => FunctionName(f, library) ?? f.NameExpression, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Function name '{duplicate.Key}' is declared {duplicate.Count()} times ({string.Join(", ", duplicate.Select(f => f.Location))}); function names must be unique.");
        }

        return problems;
    }

    /// <summary>
    /// Check 2 (source half): every schedule a timer reads, and every job's, is a ScheduleOptions property whose default
    /// infra/schedules.json and local.settings.example.json repeat, so both hosts run on one timetable.
    /// </summary>
    public static List<string> Schedules(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions, IReadOnlyDictionary<string, string> infraDefaults, IReadOnlyDictionary<string, string> localSettings)
    {
        var problems = new List<string>();
        foreach (var key in ScheduleKeys(library, functions, problems))
        {
            var expected = library.Schedules.GetValueOrDefault(key);
            if (!library.Schedules.ContainsKey(key) || expected is null)
            {
                problems.Add($"Schedule '{key}': ScheduleOptions has no string property {key} with a literal default (the standalone host's schedule).");
            }

            var infra = infraDefaults.GetValueOrDefault(key);
            Expect(problems, infra is not null, $"Schedule '{key}': infra/schedules.json has no default for {key} (the app setting Schedules__{key} in Azure).");
            Expect(problems, infra is null || expected is null || infra == expected, $"Schedule '{key}': infra/schedules.json says \"{infra}\" but ScheduleOptions.{key} defaults to \"{expected}\"; the two hosts would run on different timetables.");

            var local = localSettings.GetValueOrDefault($"Schedules__{key}");
            var wanted = expected is null ? $"ScheduleOptions.{key}'s default" : $"\"{expected}\"";
            Expect(problems, local is not null, $"Schedule '{key}': local.settings.example.json has no Values.Schedules__{key} (expected {wanted}); func start would not index the timer.");
            Expect(problems, local is null || expected is null || local == expected, $"Schedule '{key}': local.settings.example.json says \"{local}\" but ScheduleOptions.{key} defaults to \"{expected}\".");
        }

        foreach (var setting in localSettings.Keys.Where(k => k.StartsWith("Schedules__", StringComparison.Ordinal)))
        {
            var key = setting["Schedules__".Length..];
            Expect(problems, key == "RunOnStartup" || library.Jobs.Values.Contains(key), $"local.settings.example.json sets {setting}, but there is no job '{key}'.");
        }

        return problems;
    }

    /// <summary>Check 2 (infrastructure half): the compiled template sets Schedules__X from the effective schedules, defaulting to the library's.</summary>
    public static List<string> InfraAppSettings(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions, IReadOnlyDictionary<string, string> appSettings, IReadOnlyDictionary<string, string> templateDefaults)
    {
        var problems = new List<string>();
        foreach (var key in ScheduleKeys(library, functions, problems))
        {
            var value = appSettings.GetValueOrDefault($"Schedules__{key}");
            Expect(problems, value is not null, $"Schedule '{key}': the compiled template sets no app setting Schedules__{key}, so %Schedules:{key}% would not resolve in Azure (add it to infra/app/function.bicep).");
            Expect(problems, value is null || value == $"[parameters('schedules').{key}]", $"Schedule '{key}': app setting Schedules__{key} is {value}; expected [parameters('schedules').{key}] (schedules.json defaults merged with overrides).");
            var expected = library.Schedules.GetValueOrDefault(key);
            var templateDefault = templateDefaults.GetValueOrDefault(key);
            Expect(problems, templateDefault is not null, $"Schedule '{key}': the template's defaultSchedules variable has no {key}.");
            Expect(problems, templateDefault is null || expected is null || templateDefault == expected, $"Schedule '{key}': the template's default is \"{templateDefault}\" but ScheduleOptions.{key} defaults to \"{expected}\".");
        }

        return problems;
    }

    /// <summary>Check 4: each function file is one public sealed class with one function, at most <see cref="MaxFunctionFileLines"/> lines.</summary>
    public static List<string> Thin(IReadOnlyList<FunctionFile> files)
    {
        var problems = new List<string>();
        foreach (var file in files.Where(f => f.Functions.Count > 0))
        {
            Expect(problems, file.LineCount <= MaxFunctionFileLines, $"{file.Path} has {file.LineCount} lines (at most {MaxFunctionFileLines}): a trigger only hands over to the library; move logic there.");
            Expect(problems, file.Functions.Count == 1, $"{file.Path} declares {file.Functions.Count} functions; keep one trigger per file.");
            Expect(problems, file.Classes.Count == 1, $"{file.Path} declares {file.Classes.Count} types ({string.Join(", ", file.Classes.Select(c => c.Name))}); keep one class per file.");
            foreach (var (name, modifiers) in file.Classes.Where(c => !c.Modifiers.Split(' ').Contains("public") || !c.Modifiers.Split(' ').Contains("sealed")))
            {
                problems.Add($"{file.Path}: class {name} is '{modifiers}'; function classes are public sealed.");
            }
        }

        return problems;
    }

    /// <summary>The function's name as the Functions runtime will see it, or null when it cannot be read.</summary>
    public static string? FunctionName(FunctionDeclaration function, LibraryContract library)
    {
        var expression = function.NameExpression;
        if (CSharpText.StringLiteral(expression) is { } literal)
        {
            return literal;
        }

        if (NameofPattern().Match(expression) is { Success: true } nameOf)
        {
            return nameOf.Groups["name"].Value;
        }

        return MemberPattern().Match(expression) is { Success: true } member
            ? (member.Groups["type"].Value == "JobNames" ? library.Jobs : library.Routes).GetValueOrDefault(member.Groups["name"].Value)
            : null;
    }

    /// <summary>The route an HTTP function serves (a RouteNames value), or null.</summary>
    public static string? RouteOf(FunctionDeclaration function, LibraryContract library)
    {
        var route = function.TriggerProperties.GetValueOrDefault("Route");
        if (route is null)
        {
            return null;
        }

        if (CSharpText.StringLiteral(route) is { } literal)
        {
            return library.Routes.Values.Contains(literal) ? literal : null;
        }

        return MemberPattern().Match(route) is { Success: true } member && member.Groups["type"].Value == "RouteNames"
            ? library.Routes.GetValueOrDefault(member.Groups["name"].Value)
            : null;
    }

    private static SortedSet<string> ScheduleKeys(LibraryContract library, IReadOnlyList<FunctionDeclaration> functions, List<string> problems)
    {
        var keys = new SortedSet<string>(library.Jobs.Values, StringComparer.Ordinal);
        foreach (var timer in functions.Where(f => f.Trigger == "TimerTrigger"))
        {
            var schedule = (timer.TriggerArguments.Count > 0 ? timer.TriggerArguments[0] : null) ?? "";
            if (ScheduleSettingPattern().Match(schedule) is { Success: true } setting)
            {
                keys.Add(setting.Groups["key"].Value);
            }
            else
            {
                problems.Add($"Timer function {timer.NameExpression} ({timer.Location}): schedule {schedule} is not an app-setting reference \"%Schedules:<Job>%\"; the hosts would not share a timetable.");
            }
        }

        return keys;
    }

    private static void ExpectSignature(List<string> problems, string where, FunctionDeclaration function, string returnType)
    {
        Expect(problems, function.Modifiers.Split(' ').Contains("public"), $"{where}: the method is '{function.Modifiers}'; it must be public.");
        Expect(problems, function.ReturnType == returnType, $"{where}: returns {function.ReturnType}; expected {returnType}.");
        Expect(problems, function.CancellationTokenParameter is not null, $"{where}: takes no CancellationToken; add 'CancellationToken cancellationToken' and pass it on.");
    }

    private static void Expect(List<string> problems, bool condition, string message)
    {
        if (!condition)
        {
            problems.Add(message);
        }
    }

    /// <summary>Problems as an assertion message, one per line.</summary>
    public static string Describe(IReadOnlyCollection<string> problems) =>
        string.Create(CultureInfo.InvariantCulture, $"{problems.Count} problem(s):\n  - {string.Join("\n  - ", problems)}");

    [GeneratedRegex(@"^nameof\(\s*(?:[\w.]+\.)?(?<name>\w+)\s*\)$")]
    private static partial Regex NameofPattern();

    [GeneratedRegex(@"^(?:[\w.]+\.)?(?<type>JobNames|RouteNames)\.(?<name>\w+)$")]
    private static partial Regex MemberPattern();

    [GeneratedRegex(@"^(?:(?:Microsoft\.Azure\.Functions\.Worker\.)?AuthorizationLevel\.)(?<level>\w+)$")]
    private static partial Regex AuthorizationLevelPattern();

    [GeneratedRegex(@"^""%Schedules:(?<key>[^%""]+)%""$")]
    private static partial Regex ScheduleSettingPattern();
}
