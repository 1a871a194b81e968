using UsageAlerts.Ingestion;
using UsageAlerts.Notifications;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Rate-limit headroom: peak requests and tokens per minute over the rule's window, per project and model, against
/// the project's configured caps. One alert per metric, so a request cap and a token cap are told apart. Reads
/// the one-minute streams that are polled (<c>Ingestion:Kinds</c>), and trusts what those say.
/// </summary>
internal sealed class HeadroomSource(HeadroomReader headroom, CatalogReader catalog, StreamCatalog streams) : IAlertSource
{
    public const string Approximation = "Tokens per minute count input + output tokens; OpenAI also counts the max tokens requested, so real headroom is smaller.";

    private IReadOnlyList<string> MinuteStreams => RuleStreams.ForRateLimits(streams);

    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        if (rules.RateLimits.Count == 0 || MinuteStreams.Count == 0)
        {
            return [];
        }

        var limits = await catalog.RateLimitsAsync(projects: null, cancellationToken);
        var trusted = MinuteStreams.All(s => context.IsTrusted(s, TimeSpan.FromMinutes(30)));
        var observations = new List<Observation>();
        foreach (var rule in rules.RateLimits)
        {
            var headroom = await CalculateAsync(context.Now.AddMinutes(-rule.WindowMinutes), context.Now, limits, cancellationToken);
            var matcher = new ScopeMatcher(rule.Scope, context.ProjectNames);
            foreach (var pair in headroom.Where(h => matcher.MatchesUsage(h.ProjectId, h.Model)))
            {
                Add(observations, rule, rules.DefaultReceiver, pair, "requests", pair.PeakRequests, pair.MaxRequestsPerMinute, pair.RequestsPercent, pair.PeakRequestsAt, trusted, context);
                Add(observations, rule, rules.DefaultReceiver, pair, "tokens", pair.PeakTokens, pair.MaxTokensPerMinute, pair.TokensPercent, pair.PeakTokensAt, trusted, context);
            }
        }

        return observations;
    }

    public async Task<IReadOnlyList<Headroom>> CalculateAsync(DateTimeOffset from, DateTimeOffset to, RateLimitCaps limits, CancellationToken cancellationToken) =>
        HeadroomCalculator.Calculate(await headroom.ReadAsync(MinuteStreams, limits, from, to, projects: null, cancellationToken));

    private static void Add(List<Observation> observations, RateLimitRule rule, string? fallback, Headroom pair, string metric, long peak, long? cap, decimal? percent, DateTimeOffset? at, bool trusted, EvaluationContext context)
    {
        if (cap is null || percent is not { } utilisation)
        {
            return;
        }

        var level = rule.Thresholds.Count(t => utilisation >= t);
        var project = context.ProjectLabel(pair.ProjectId);
        var facts = new List<NoticeFact>
        {
            new("Peak", $"{Display.Count(peak)} {metric}/min{(at is { } minute ? $" at {Display.Minute(minute)}" : "")}"),
            new("Cap", $"{Display.Count(cap.Value)} {metric}/min"),
            new("Utilisation", Display.Percent(utilisation)),
            new("Window", $"last {rule.WindowMinutes} min"),
            new("Project", project),
            new("Model", pair.Model),
        };
        observations.Add(new Observation(
            AlertId.RateLimit(rule, pair.ProjectId, pair.Model, metric),
            rule.Key,
            rule.Name,
            AlertKind.RateLimit,
            $"{project} · {pair.Model}",
            EvaluationContext.Route(rule.Receivers, fallback),
            !trusted ? ObservedState.Unknown : level > 0 ? ObservedState.Firing : ObservedState.Clear,
            level,
            utilisation,
            new NoticeContent(
                $"Rate limit: {project} · {pair.Model} at {Display.Percent(utilisation)} of its {metric} per minute",
                $"Peak {Display.Count(peak)} {metric}/min against a cap of {Display.Count(cap.Value)} in the last {rule.WindowMinutes} min.",
                facts,
                level == rule.Thresholds.Count ? Severity.Critical : Severity.Warning,
                level > 0 ? Display.Percent(rule.Thresholds[level - 1]) : "below",
                metric == "tokens" ? Approximation : null,
                context.Link("rate-limits", $"project={Uri.EscapeDataString(pair.ProjectId)}")),
            new AlertTiming(rule.RepeatInterval ?? AlertTiming.DefaultRepeat, TimeSpan.FromMinutes(rule.ResolveAfterMinutes), null)));
    }
}
