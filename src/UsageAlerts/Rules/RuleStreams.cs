using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Rules;

/// <summary>
/// The polled streams each rule reads, from the stream catalog (so <c>Ingestion:Kinds</c> decides): a rule depends
/// only on streams that are polled, and a rule none of whose streams is polled is a start-up error.
/// </summary>
internal static class RuleStreams
{
    /// <summary>Tokens and requests of chat and embeddings are what spikes and rate-limit headroom count.</summary>
    private static readonly UsageKind[] TokenKinds = [UsageKind.Completions, UsageKind.Embeddings];

    public static IReadOnlyList<string> ForSpike(SpikeRule rule, StreamCatalog catalog)
    {
        if (rule.Metric == SpikeMetric.Cost)
        {
            return [catalog.Costs.Name];
        }

        var width = rule.Granularity == SpikeGranularity.Day ? BucketWidth.Day : BucketWidth.Hour;
        return [.. catalog.Usage.Where(s => s.Width == width && s.Kind is { } kind && TokenKinds.Contains(kind)).Select(s => s.Name)];
    }

    public static IReadOnlyList<string> ForRateLimits(StreamCatalog catalog) =>
        [.. catalog.RecentUsage.Where(s => s.Kind is { } kind && TokenKinds.Contains(kind)).Select(s => s.Name)];

    /// <summary>One error per rule that would read nothing, naming the rule and the setting.</summary>
    public static IReadOnlyList<string> Problems(RulesDocument rules, StreamCatalog catalog)
    {
        var errors = new List<string>();
        for (var i = 0; i < rules.Spikes.Count; i++)
        {
            if (ForSpike(rules.Spikes[i], catalog).Count == 0)
            {
                errors.Add($"spikes[{i}] \"{rules.Spikes[i].Name}\": metric {rules.Spikes[i].Metric.ToString().ToLowerInvariant()} needs completions or embeddings usage, but {IngestionOptions.SectionName}:Kinds polls neither");
            }
        }

        for (var i = 0; i < rules.RateLimits.Count && ForRateLimits(catalog).Count == 0; i++)
        {
            errors.Add($"rateLimits[{i}] \"{rules.RateLimits[i].Name}\": needs one-minute completions or embeddings usage, but {IngestionOptions.SectionName}:Kinds polls neither");
        }

        return errors;
    }
}
