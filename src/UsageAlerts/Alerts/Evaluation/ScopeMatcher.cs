using System.Text.RegularExpressions;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>Decides whether a cost or usage row is inside a rule's scope. Projects match by id or by name.</summary>
internal sealed class ScopeMatcher
{
    private readonly ScopeRule _scope;
    private readonly HashSet<string> _projectIds;
    private readonly Regex? _lineItems;

    public ScopeMatcher(ScopeRule scope, IReadOnlyDictionary<string, string> projectNames)
    {
        _scope = scope;
        _projectIds = scope.Projects.SelectMany(p => ProjectIds(p, projectNames).Append(p)).ToHashSet(StringComparer.Ordinal);
        _lineItems = scope.LineItems is { } pattern
            ? new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50))
            : null;
    }

    /// <summary>The known projects a rule's project entry names: by id, or by name whatever its case.</summary>
    public static IEnumerable<string> ProjectIds(string entry, IReadOnlyDictionary<string, string> projectNames) =>
        projectNames.Where(kv => kv.Key == entry || string.Equals(kv.Value, entry, StringComparison.OrdinalIgnoreCase)).Select(kv => kv.Key);

    public bool MatchesCost(string? projectId, string? lineItem, string? apiKeyId) =>
        MatchesProject(projectId)
        && (_scope.ApiKeys.Count == 0 || (apiKeyId is not null && _scope.ApiKeys.Contains(apiKeyId)))
        && (_lineItems is null || (lineItem is not null && _lineItems.IsMatch(lineItem)))
        && (_scope.Models.Count == 0 || (lineItem is not null && _scope.Models.Any(m => ModelOf(lineItem).StartsWith(m, StringComparison.OrdinalIgnoreCase))));

    public bool MatchesUsage(string? projectId, string? model) =>
        MatchesProject(projectId)
        && (_scope.Models.Count == 0 || (model is not null && _scope.Models.Any(m => model.StartsWith(m, StringComparison.OrdinalIgnoreCase))));

    private bool MatchesProject(string? projectId) => _scope.Projects.Count == 0 || (projectId is not null && _projectIds.Contains(projectId));

    /// <summary>Line items read "&lt;model&gt;, &lt;part&gt;" (e.g. "gpt-4o-2024-08-06, input"); non-token charges have no model.</summary>
    private static string ModelOf(string lineItem)
    {
        var comma = lineItem.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? lineItem : lineItem[..comma];
    }
}
