using System.Text.RegularExpressions;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// What the library declares for its hosts, read from JobNames.cs, RouteNames.cs and ScheduleOptions.cs as text
/// (this project does not reference the library): jobs and routes by constant name, which routes are anonymous,
/// and each schedule property's default. Anything the reader cannot make sense of lands in <see cref="Problems"/>.
/// </summary>
internal sealed partial record LibraryContract(
    IReadOnlyDictionary<string, string> Jobs,
    IReadOnlyList<string> JobsInAll,
    IReadOnlyDictionary<string, string> Routes,
    IReadOnlyList<string> RoutesInAll,
    IReadOnlySet<string> AnonymousRoutes,
    IReadOnlyDictionary<string, string?> Schedules,
    IReadOnlyList<string> Problems)
{
    public static LibraryContract Parse(string jobNames, string routeNames, string scheduleOptions)
    {
        var problems = new List<string>();
        var jobCode = CSharpText.StripComments(jobNames);
        var routeCode = CSharpText.StripComments(routeNames);
        var jobs = Constants(jobCode, "JobNames", problems);
        var routes = Constants(routeCode, "RouteNames", problems);
        return new LibraryContract(
            jobs,
            AllList(jobCode, jobs, "JobNames", problems),
            routes,
            AllList(routeCode, routes, "RouteNames", problems),
            Anonymous(routeCode, routes, problems),
            ScheduleDefaults(CSharpText.StripComments(scheduleOptions)),
            problems);
    }

    /// <summary>The route constant whose value is <paramref name="route"/>, or null.</summary>
    public string? RouteConstant(string route) => Routes.FirstOrDefault(r => r.Value == route).Key;

    private static Dictionary<string, string> Constants(string code, string type, List<string> problems)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in ConstantPattern().Matches(code))
        {
            var name = match.Groups["name"].Value;
            var expression = match.Groups["value"].Value.Trim();
            var value = CSharpText.StringLiteral(expression) ?? (NameofPattern().Match(expression) is { Success: true } nameOf ? nameOf.Groups["name"].Value : null);
            if (value is null)
            {
                problems.Add($"{type}.{name} = {expression}: cannot read its value as text; use a string literal or nameof({name}).");
            }
            else
            {
                constants[name] = value;
            }
        }

        if (constants.Count == 0)
        {
            problems.Add($"{type}.cs declares no public const string: the reader found nothing to check.");
        }

        return constants;
    }

    private static List<string> AllList(string code, Dictionary<string, string> constants, string type, List<string> problems)
    {
        var all = AllPattern().Match(code);
        if (!all.Success)
        {
            problems.Add($"{type}.cs has no 'All' list.");
            return [];
        }

        return References(all.Groups["init"].Value, constants);
    }

    private static HashSet<string> Anonymous(string code, Dictionary<string, string> routes, List<string> problems)
    {
        var method = IsAnonymousPattern().Match(code);
        if (!method.Success)
        {
            problems.Add("RouteNames.cs has no 'bool IsAnonymous(string route)'.");
            return [];
        }

        var start = method.Index + method.Length;
        var arrow = code.IndexOf("=>", start, StringComparison.Ordinal);
        var brace = code.IndexOf('{', start);
        var body = arrow >= 0 && (brace < 0 || arrow < brace)
            ? code[(arrow + 2)..Math.Max(arrow + 2, CSharpText.NextTopLevel(code, arrow + 2, ';'))]
            : brace >= 0 ? code[brace..(CSharpText.MatchingClose(code, brace) + 1)] : "";
        var anonymous = References(body, routes).ToHashSet(StringComparer.Ordinal);

        // One level of indirection: IsAnonymous(route) => AnonymousRoutes.Contains(route) with the set declared beside it.
        foreach (Match identifier in IdentifierPattern().Matches(body))
        {
            var declaration = Regex.Match(code, $@"\b{identifier.Value}\b\s*(?:\{{[^}}]*\}}\s*)?(?:=>|=(?![=>]))\s*(?<init>[^;]+);");
            if (!routes.ContainsKey(identifier.Value) && declaration.Success)
            {
                anonymous.UnionWith(References(declaration.Groups["init"].Value, routes));
            }
        }

        if (anonymous.Count == 0 && !body.Contains("false", StringComparison.Ordinal))
        {
            problems.Add($"RouteNames.IsAnonymous: cannot tell which routes it accepts from '{body.Trim()}'; compare the route with RouteNames constants.");
        }

        return anonymous;
    }

    /// <summary>The constants an expression mentions, by name or by value, in order of appearance.</summary>
    private static List<string> References(string expression, Dictionary<string, string> constants)
    {
        var found = new List<string>();
        foreach (Match token in TokenPattern().Matches(expression))
        {
            var name = token.Groups["literal"].Success
                ? constants.FirstOrDefault(c => c.Value == token.Groups["literal"].Value).Key
                : constants.ContainsKey(token.Value) ? token.Value : null;
            if (name is not null)
            {
                found.Add(name);
            }
        }

        return found;
    }

    private static Dictionary<string, string?> ScheduleDefaults(string code)
    {
        var schedules = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match match in StringPropertyPattern().Matches(code))
        {
            schedules[match.Groups["name"].Value] = match.Groups["value"].Success ? CSharpText.StringLiteral(match.Groups["value"].Value.Trim()) : null;
        }

        return schedules;
    }

    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*(?<value>[^;]+);")]
    private static partial Regex ConstantPattern();

    [GeneratedRegex(@"^nameof\(\s*(?:[\w.]+\.)?(?<name>\w+)\s*\)$")]
    private static partial Regex NameofPattern();

    [GeneratedRegex(@"\bAll\b[^=;{]*(?:\{[^}]*\}\s*)?=>?\s*(?<init>[^;]+);")]
    private static partial Regex AllPattern();

    [GeneratedRegex(@"\bbool\s+IsAnonymous\s*\(\s*string\s+\w+\s*\)")]
    private static partial Regex IsAnonymousPattern();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"""(?<literal>[^""\\]*)""|\b[A-Za-z_]\w*\b")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\bpublic\s+(?:required\s+)?string\??\s+(?<name>\w+)\s*\{\s*get;\s*(?:set;|init;)?\s*\}(?:\s*=\s*(?<value>[^;]+);)?")]
    private static partial Regex StringPropertyPattern();
}
