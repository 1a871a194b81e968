using UsageAlerts.Ingestion;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>What every source of one evaluation shares: the instant, names, stream health, and where links go.</summary>
internal sealed class EvaluationContext(DateTimeOffset now, IReadOnlyDictionary<string, string> projectNames, IReadOnlyDictionary<string, StreamStateEntity> streams, Uri? dashboard)
{
    public DateTimeOffset Now { get; } = now;

    public IReadOnlyDictionary<string, string> ProjectNames { get; } = projectNames;

    public IReadOnlyDictionary<string, StreamStateEntity> Streams { get; } = streams;

    public string ProjectLabel(string? projectId) =>
        projectId is null ? "(no project)" : ProjectNames.TryGetValue(projectId, out var name) && name != projectId ? $"{name} ({projectId})" : projectId;

    /// <summary>
    /// Data of a stream can be trusted when its latest poll succeeded and is recent. Otherwise an alert on it is
    /// unknown: a failed poll must never resolve (or fire) anything.
    /// </summary>
    public bool IsTrusted(string stream, TimeSpan maxAge) =>
        Streams.TryGetValue(stream, out var state)
        && state.LastSuccessAt is { } success
        && state.ConsecutiveFailures == 0
        && Now - success <= maxAge;

    /// <summary>Costs polled successfully within 6 h: spend judged on them is not stale.</summary>
    public bool CostsTrusted => IsTrusted(CostsStream, TimeSpan.FromHours(6));

    /// <summary>Costs trusted, and OpenAI's spend controls read within 3 h: hard limits judged on them are not stale.</summary>
    public bool SpendControlsTrusted => CostsTrusted && IsTrusted(SpendControlIngestor.StreamName, TimeSpan.FromHours(3));

    public Uri? Link(string route, string query) =>
        dashboard is null ? null : new Uri(dashboard, $"api/{route}{(query.Length == 0 ? "" : "?" + query)}");

    public static IReadOnlyList<string> Route(IReadOnlyList<string> receivers, string? fallback) =>
        receivers.Count > 0 ? receivers : fallback is null ? [] : [fallback];

    public static string CostsStream => StreamCatalog.CostsStreamName;
}
