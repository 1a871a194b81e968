using System.Text.RegularExpressions;

namespace UsageAlerts.Deployment.Tests;

/// <summary>One <c>[Function(...)]</c> method of the Functions project, read from its source as text.</summary>
/// <param name="Location">Path in the project and line, e.g. <c>Timers/PollUsageFunction.cs:9</c>.</param>
/// <param name="NameExpression">The argument of <c>[Function(...)]</c> as written.</param>
/// <param name="Trigger">The trigger attribute's name (<c>TimerTrigger</c>, <c>HttpTrigger</c>), or null.</param>
/// <param name="TriggerArguments">The trigger attribute's positional arguments as written.</param>
/// <param name="TriggerProperties">The trigger attribute's named arguments (<c>Route = ...</c>) as written.</param>
/// <param name="BoundType">The type of the trigger parameter, e.g. <c>TimerInfo</c>.</param>
/// <param name="Body">The method body: the expression after <c>=&gt;</c> or the block.</param>
internal sealed record FunctionDeclaration(
    string Location,
    string NameExpression,
    string Modifiers,
    string ReturnType,
    string? Trigger,
    IReadOnlyList<string> TriggerArguments,
    IReadOnlyDictionary<string, string> TriggerProperties,
    string? BoundType,
    string? BoundParameter,
    string? CancellationTokenParameter,
    string Body,
    string? ParseError = null);

/// <summary>A C# file of the Functions project: its length, classes and functions.</summary>
internal sealed partial record FunctionFile(string Path, int LineCount, IReadOnlyList<(string Name, string Modifiers)> Classes, IReadOnlyList<FunctionDeclaration> Functions)
{
    public static FunctionFile Parse(string path, string text)
    {
        var code = CSharpText.StripComments(text);
        var classes = ClassPattern().Matches(code).Select(m => (m.Groups["name"].Value, m.Groups["modifiers"].Value.Trim())).ToList();
        var functions = FunctionPattern().Matches(code).Select(m => ParseFunction(path, code, m)).ToList();
        var lines = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        return new FunctionFile(path, lines, classes, functions);
    }

    private static FunctionDeclaration ParseFunction(string path, string code, Match attribute)
    {
        var location = $"{path}:{CSharpText.LineAt(code, attribute.Index)}";
        var open = attribute.Index + attribute.Length - 1;
        var close = CSharpText.MatchingClose(code, open);
        var nameExpression = close < 0 ? "" : code[(open + 1)..close].Trim();
        var failed = new FunctionDeclaration(location, nameExpression, "", "", null, [], new Dictionary<string, string>(), null, null, null, "");

        // Past the attribute list's ']' and any further attributes to the method signature.
        var position = close < 0 ? -1 : CSharpText.NextTopLevel(code, close + 1, ']') + 1;
        while (position > 0 && SkipSpace(code, position) is var next && next < code.Length && code[next] == '[')
        {
            position = CSharpText.MatchingClose(code, next) + 1;
        }

        var signature = position > 0 ? SignaturePattern().Match(code, position) : Match.Empty;
        if (!signature.Success)
        {
            return failed with { ParseError = $"{location}: no method signature follows [Function({nameExpression})]." };
        }

        var parametersOpen = signature.Index + signature.Length - 1;
        var parametersClose = CSharpText.MatchingClose(code, parametersOpen);
        if (parametersClose < 0)
        {
            return failed with { ParseError = $"{location}: the parameter list of {signature.Groups["name"].Value} never closes." };
        }

        var parameters = code[(parametersOpen + 1)..parametersClose];
        var bodyStart = SkipSpace(code, parametersClose + 1);
        string body;
        if (string.CompareOrdinal(code, bodyStart, "=>", 0, 2) == 0)
        {
            body = code[(bodyStart + 2)..Math.Max(bodyStart + 2, CSharpText.NextTopLevel(code, bodyStart + 2, ';'))].Trim();
        }
        else if (bodyStart < code.Length && code[bodyStart] == '{' && CSharpText.MatchingClose(code, bodyStart) > 0)
        {
            body = code[bodyStart..(CSharpText.MatchingClose(code, bodyStart) + 1)];
        }
        else
        {
            return failed with { ParseError = $"{location}: cannot find the body of method {signature.Groups["name"].Value}." };
        }

        var declaration = failed with
        {
            Modifiers = signature.Groups["modifiers"].Value.Trim(),
            ReturnType = WhitespacePattern().Replace(signature.Groups["return"].Value, ""),
            CancellationTokenParameter = CancellationTokenPattern().Match(parameters) is { Success: true } token ? token.Groups["name"].Value : null,
            Body = body,
        };

        var trigger = TriggerPattern().Match(parameters);
        if (!trigger.Success)
        {
            return declaration;
        }

        var argumentsOpen = trigger.Index + trigger.Length - 1;
        var argumentsClose = CSharpText.MatchingClose(parameters, argumentsOpen);
        if (argumentsClose < 0)
        {
            return declaration with { ParseError = $"{location}: the [{trigger.Groups["trigger"].Value}(...)] argument list never closes." };
        }

        var arguments = CSharpText.SplitArguments(parameters[(argumentsOpen + 1)..argumentsClose]);
        var bound = BoundPattern().Match(parameters, CSharpText.NextTopLevel(parameters, argumentsClose + 1, ']') + 1);
        return declaration with
        {
            Trigger = trigger.Groups["trigger"].Value,
            TriggerArguments = arguments.Where(a => !NamedArgumentPattern().IsMatch(a)).ToList(),
            TriggerProperties = arguments.Select(a => NamedArgumentPattern().Match(a)).Where(m => m.Success)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim(), StringComparer.Ordinal),
            BoundType = bound.Success ? bound.Groups["type"].Value : null,
            BoundParameter = bound.Success ? bound.Groups["name"].Value : null,
        };
    }

    private static int SkipSpace(string code, int position)
    {
        while (position < code.Length && char.IsWhiteSpace(code[position]))
        {
            position++;
        }

        return position;
    }

    [GeneratedRegex(@"(?<modifiers>(?:\b(?:public|internal|private|protected|static|sealed|abstract|partial|file)\s+)*)\b(?:class|record|struct)\s+(?<name>\w+)")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"\[\s*(?:[\w.]+\.)?Function(?:Attribute)?\s*\(")]
    private static partial Regex FunctionPattern();

    [GeneratedRegex(@"\G\s*(?<modifiers>(?:\b(?:public|private|internal|protected|static|async|virtual|override|sealed|new)\s+)*)(?<return>[\w.]+(?:\s*<[^()]*?>)?\??)\s+(?<name>\w+)\s*\(")]
    private static partial Regex SignaturePattern();

    [GeneratedRegex(@"\[\s*(?:[\w.]+\.)?(?<trigger>\w+Trigger)(?:Attribute)?\s*\(")]
    private static partial Regex TriggerPattern();

    [GeneratedRegex(@"\G\s*(?<type>[\w.]+\??)\s+(?<name>\w+)")]
    private static partial Regex BoundPattern();

    [GeneratedRegex(@"\bCancellationToken\s+(?<name>\w+)")]
    private static partial Regex CancellationTokenPattern();

    [GeneratedRegex(@"^(?<name>\w+)\s*=(?!=)(?<value>.+)$", RegexOptions.Singleline)]
    private static partial Regex NamedArgumentPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
