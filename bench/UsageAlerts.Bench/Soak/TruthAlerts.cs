using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>An alert the simulator's data implies: its id (or id prefix), the level it fires at, and whether it may or must resolve.</summary>
internal sealed record ExpectedAlert(string Id, string Description, int FirstLevel, int LastLevel, bool MayResolve, bool MustResolve)
{
    /// <summary>Budget ids end in the period key, which the truth need not spell: those match by prefix.</summary>
    public bool Matches(string alertId) => Id.EndsWith('|') ? alertId.StartsWith(Id, StringComparison.Ordinal) && alertId.EndsWith("|actual", StringComparison.Ordinal) : alertId == Id;
}

/// <summary>
/// Works out from the simulator's own numbers which alerts the soak rules must raise: the Research budget at the
/// threshold its month-to-date spend passed, every project whose last settled day is above four times the median of
/// the days of its 14-day baseline that hold its spend (at least three; never zero-filled, and at least $25), and the
/// near-cap model's token and request headroom over the last hour.
/// </summary>
internal static class TruthAlerts
{
    public static List<ExpectedAlert> Derive(SimulatedOrganization truth, DateTimeOffset start, DateTimeOffset end)
    {
        var expected = new List<ExpectedAlert>();
        var scenarios = truth.Scenarios;
        int BudgetLevel(DateTimeOffset at)
        {
            var monthStart = new DateTimeOffset(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var spent = truth.Costs(monthStart, at).Where(c => c.ProjectId == scenarios.OverrunProjectId).Sum(c => c.AmountUsd);
            return SoakRules.BudgetThresholds.Count(t => spent * 100m / SoakRules.BudgetUsd >= t);
        }

        var (first, last) = (BudgetLevel(start), BudgetLevel(end));
        if (last > 0)
        {
            expected.Add(new ExpectedAlert($"budget|{SoakRules.Budget}|", $"budget {scenarios.OverrunProjectName}", first, last, false, false));
        }

        expected.AddRange(Spikes(truth, end));
        expected.AddRange(Headroom(truth, start, end));
        return expected;
    }

    private static IEnumerable<ExpectedAlert> Spikes(SimulatedOrganization truth, DateTimeOffset end)
    {
        var today = new DateTimeOffset((end - SoakRules.DaySettleDelay).UtcDateTime.Date, TimeSpan.Zero);
        var days = Enumerable.Range(0, SoakRules.SpikeBaselineDays + 1).Select(i => today.AddDays(i - SoakRules.SpikeBaselineDays - 1)).ToList();
        var perDay = days.Select(d => truth.Costs(d, d.AddDays(1)).GroupBy(c => c.ProjectId ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.AmountUsd), StringComparer.Ordinal)).ToList();
        foreach (var project in perDay.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var value = perDay[^1].GetValueOrDefault(project);
            var baseline = perDay[..^1].Where(d => d.ContainsKey(project)).Select(d => d[project]).Order().ToList();
            if (baseline.Count < 3)
            {
                continue;
            }

            var median = baseline.Count % 2 == 1 ? baseline[baseline.Count / 2] : (baseline[(baseline.Count / 2) - 1] + baseline[baseline.Count / 2]) / 2;
            if (value >= SoakRules.SpikeMinimum && value > SoakRules.SpikeFactor * median && value > 0)
            {
                yield return new ExpectedAlert($"spike|{SoakRules.Spike}|{project}", $"spike {project}", 1, 1, false, false);
            }
        }
    }

    /// <summary>
    /// Only the near-cap pair: the simulator keeps every other cap at least twice above its traffic, and an alert on any
    /// other pair shows up as unexpected. The hot minutes sit in the hour before the origin; once they leave the window
    /// the alert clears, and resolves after the quiet period.
    /// </summary>
    private static IEnumerable<ExpectedAlert> Headroom(SimulatedOrganization truth, DateTimeOffset start, DateTimeOffset end)
    {
        var scenarios = truth.Scenarios;
        var limits = truth.RateLimits(scenarios.NearCapProjectId);
        var cap = limits.FirstOrDefault(l => l.Model == scenarios.NearCapModel)
            ?? limits.Where(l => scenarios.NearCapModel.StartsWith(l.Model + "-", StringComparison.Ordinal)).MaxBy(l => l.Model.Length);
        if (cap is null)
        {
            yield break;
        }

        var windowStart = start.AddMinutes(-SoakRules.HeadroomWindowMinutes);
        var firstMinute = new DateTimeOffset(windowStart.Year, windowStart.Month, windowStart.Day, windowStart.Hour, windowStart.Minute, 0, TimeSpan.Zero);
        var minutes = new List<(DateTimeOffset At, long Requests, long Tokens)>();
        for (var minute = firstMinute; minute.AddMinutes(1) <= start; minute = minute.AddMinutes(1))
        {
            var rows = truth.Usage("completions", minute, minute.AddMinutes(1)).Where(r => r.ProjectId == scenarios.NearCapProjectId && r.Model is { } m && (m == cap.Model || m.StartsWith(cap.Model + "-", StringComparison.Ordinal)));
            minutes.Add((minute, rows.Sum(r => r.Metrics.GetValueOrDefault("num_model_requests")), rows.Sum(r => r.Metrics.GetValueOrDefault("input_tokens") + r.Metrics.GetValueOrDefault("output_tokens"))));
        }

        foreach (var (metric, limit, value) in new (string, long, Func<(DateTimeOffset At, long Requests, long Tokens), long>)[] { ("requests", cap.MaxRequestsPer1Minute, m => m.Requests), ("tokens", cap.MaxTokensPer1Minute, m => m.Tokens) })
        {
            int Level(long v) => SoakRules.HeadroomThresholds.Count(t => v * 100m / limit >= t);
            var hot = minutes.Where(m => Level(value(m)) > 0).ToList();
            if (hot.Count == 0)
            {
                continue;
            }

            var resolvesAt = hot[^1].At.AddMinutes(SoakRules.HeadroomWindowMinutes + 1 + SoakRules.HeadroomResolveMinutes);
            yield return new ExpectedAlert(
                $"ratelimit|{SoakRules.Headroom}|{scenarios.NearCapProjectId}|{cap.Model}|{metric}",
                $"headroom {scenarios.NearCapProjectName} {cap.Model} {metric}",
                hot.Max(m => Level(value(m))), hot.Max(m => Level(value(m))),
                MayResolve: end >= resolvesAt,
                MustResolve: end >= resolvesAt.AddMinutes(1));
        }
    }
}
