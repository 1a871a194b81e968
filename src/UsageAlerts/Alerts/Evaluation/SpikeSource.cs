using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Compares the last settled day (or hour) with its own rolling baseline, per project or for the whole scope. A
/// bucket is judged only once it ended <c>Alerts:DaySettleDelay</c> (or <c>HourSettleDelay</c>) ago, because costs and
/// usage arrive late: a half-reported day would resolve a spike that the full day confirms. The baseline is the
/// buckets that hold data for the group (never zero-filled, so a new project is not judged against a usual $0), and
/// needs at least <see cref="MinimumBaseline"/> of them. One alert per rule and group: it fires on a spiking
/// bucket and resolves when a later bucket is back to normal. Cost is read through <see cref="SpendReader"/>: the bill
/// where it is final or covers the day, the estimate from usage where it still lags, and a spike whose day is partly
/// estimated says so.
/// </summary>
internal sealed class SpikeSource(SpendReader spend, UsageReader usage, StreamCatalog streams, IOptions<AlertingOptions> options) : IAlertSource
{
    /// <summary>Fewer buckets with data than this make no baseline: the group's alert is unknown.</summary>
    public const int MinimumBaseline = 3;

    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        var observations = new List<Observation>();
        foreach (var rule in rules.Spikes)
        {
            var day = rule.Granularity == SpikeGranularity.Day;
            var width = day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
            var settle = day ? options.Value.DaySettleDelay : options.Value.HourSettleDelay;
            var evaluated = (day ? BucketWidth.Day : BucketWidth.Hour).AlignDown(context.Now - settle) - width;
            var from = evaluated - (width * rule.BaselineBuckets);
            var (series, estimated) = await SeriesAsync(rule, from, evaluated + width, width, context, cancellationToken);
            var trusted = rule.Metric == SpikeMetric.Cost
                ? context.IsTrusted(EvaluationContext.CostsStream, TimeSpan.FromHours(6))
                : RuleStreams.ForSpike(rule, streams).All(stream => context.IsTrusted(stream, TimeSpan.FromHours(2)));
            foreach (var (group, values) in series)
            {
                var value = values[^1] ?? 0;
                decimal[] baseline = [.. values[..^1].OfType<decimal>()];
                var threshold = SpikeMath.Threshold(baseline, rule.Method, rule.Factor);
                var firing = value >= rule.Minimum && value > threshold && value > 0;
                var judged = trusted && baseline.Length >= MinimumBaseline;
                observations.Add(Observe(rule, rules.DefaultReceiver, group, evaluated, width, value, estimated.GetValueOrDefault(group), baseline, threshold, judged, firing, context));
            }
        }

        return observations;
    }

    /// <summary>Per group, each bucket's total (null where the group has no data in that bucket), and how much of the last bucket's is estimated.</summary>
    private async Task<(Dictionary<string, decimal?[]> Series, Dictionary<string, decimal> Estimated)> SeriesAsync(SpikeRule rule, DateTimeOffset from, DateTimeOffset to, TimeSpan width, EvaluationContext context, CancellationToken cancellationToken)
    {
        var buckets = rule.BaselineBuckets + 1;
        var matcher = new ScopeMatcher(rule.Scope, context.ProjectNames);
        var series = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var estimated = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(DateTimeOffset at, string? projectId, decimal amount, bool estimate = false)
        {
            var group = rule.PerProject ? projectId ?? "" : "*";
            if (!series.TryGetValue(group, out var values))
            {
                series[group] = values = new decimal?[buckets];
            }

            var index = (int)((at - from) / width);
            if (index >= 0 && index < buckets)
            {
                values[index] = (values[index] ?? 0) + amount;
                if (estimate && index == buckets - 1)
                {
                    estimated[group] = estimated.GetValueOrDefault(group) + amount;
                }
            }
        }

        if (rule.Metric == SpikeMetric.Cost)
        {
            await foreach (var row in spend.ReadAsync(from, to, cancellationToken))
            {
                if (matcher.MatchesCost(row.ProjectId, row.LineItem, row.ApiKeyId))
                {
                    Add(Storage.Periods.Midnight(row.Day), row.ProjectId, row.AmountUsd, row.Estimated);
                }
            }

            return (series, estimated);
        }

        foreach (var stream in RuleStreams.ForSpike(rule, streams))
        {
            await foreach (var row in usage.ReadAsync(stream, from, to, projects: null, cancellationToken))
            {
                if (matcher.MatchesUsage(row.ProjectId, row.Model))
                {
                    Add(row.Start, row.ProjectId, rule.Metric == SpikeMetric.Tokens ? row.Tokens : row.Requests);
                }
            }
        }

        return (series, estimated);
    }

    private Observation Observe(SpikeRule rule, string? fallback, string group, DateTimeOffset bucket, TimeSpan width, decimal value, decimal estimatedUsd, decimal[] baseline, decimal threshold, bool trusted, bool firing, EvaluationContext context)
    {
        var who = group == "*" ? BudgetSource.ScopeLabel(rule.Scope, context) : context.ProjectLabel(group.Length == 0 ? null : group);
        var median = SpikeMath.Median(baseline);
        string Amount(decimal v) => rule.Metric == SpikeMetric.Cost ? Display.Usd(v) : $"{Display.Count(v)} {rule.Metric.ToString().ToLowerInvariant()}";
        var when = width == TimeSpan.FromDays(1) ? Display.Day(bucket) : Display.Minute(bucket);
        var ratio = median > 0 ? $"{value / median:0.#}× its median" : "no usual volume";
        var facts = new List<NoticeFact>
        {
            new(width == TimeSpan.FromDays(1) ? "Day" : "Hour", when),
            new("Value", Amount(value)),
            new("Baseline median", $"{Amount(median)} over {baseline.Length} {(width == TimeSpan.FromDays(1) ? "days" : "hours")}"),
            new("Spike above", Amount(threshold)),
            new("Scope", who),
        };
        var query = group is "*" or "" ? "" : $"project={Uri.EscapeDataString(group)}";
        var label = estimatedUsd != 0 ? " (estimated)" : "";
        var note = estimatedUsd != 0 ? $"Estimated: {Display.Usd(estimatedUsd)} of it is usage × learned rates, as OpenAI's bill does not cover it yet." : null;
        return new Observation(
            AlertId.Spike(rule, group),
            rule.Key,
            rule.Name,
            AlertKind.Spike,
            who,
            EvaluationContext.Route(rule.Receivers, fallback),
            !trusted ? ObservedState.Unknown : firing ? ObservedState.Firing : ObservedState.Clear,
            firing ? 1 : 0,
            value,
            new NoticeContent(
                $"{(rule.Metric == SpikeMetric.Cost ? "Spend" : "Usage")} spike: {who} at {Amount(value)} on {when} ({ratio}){label}",
                $"{who} used {Amount(value)} on {when}, against a usual {Amount(median)} ({rule.Name}).",
                facts,
                Severity.Warning,
                ratio,
                note,
                context.Link("dashboard", query)),
            new AlertTiming(rule.RepeatInterval ?? AlertTiming.DefaultRepeat, options.Value.SpikeResolveDelay, null));
    }
}
