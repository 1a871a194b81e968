using System.Globalization;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// What a per-key summary must say about its costs: which days OpenAI billed per key and which are estimated, from
/// which rates, how far the estimates drift from the bill, and what could not be priced or split per key.
/// Organization-wide, over the request's range.
/// </summary>
internal static class PerKeyNotes
{
    private const int MaxListed = 5;

    public static IEnumerable<string> For(IReadOnlyList<DayEstimate>? estimates, SummaryFilter filter)
    {
        if (estimates is null)
        {
            yield break;
        }

        var estimatedDays = estimates.Where(e => !e.BilledPerKey).ToList();
        var rates = estimatedDays.Where(e => e.RatesDay is not null).Select(e => e.RatesDay!.Value).ToList();
        yield return estimatedDays.Count == 0
            ? "Costs per API key are billed by OpenAI per key on every day of the range."
            : $"Costs per API key are estimated on {estimatedDays.Count} day(s) (costStatus 'estimated'): OpenAI's costs API does not split costs by key, so each key's usage is priced at unit rates learned from this organization's own billed line items" +
              (rates.Count > 0 ? $" (rates of {Periods.Format(rates.Min())} to {Periods.Format(rates.Max())})." : ".") +
              (estimates.Count > estimatedDays.Count ? $" On {estimates.Count - estimatedDays.Count} day(s) OpenAI billed per key and those figures are billed." : "");

        var drift = estimatedDays.SelectMany(e => e.Drift.Select(d => (e.Day, Drift: d))).Where(d => Matches(filter, d.Drift.ProjectId)).ToList();
        if (drift.Count > 0)
        {
            var billed = drift.Sum(d => d.Drift.BilledUsd);
            var estimated = drift.Sum(d => d.Drift.EstimatedUsd);
            var worst = drift.Where(d => d.Drift.DriftPercent is not null).OrderByDescending(d => Math.Abs(d.Drift.DriftPercent!.Value)).FirstOrDefault();
            yield return $"Drift of the per-key estimates against the bill on closed days: {Money(estimated)} estimated for {Money(billed)} billed ({Percent(billed == 0 ? null : (estimated - billed) / billed * 100m)})" +
                (worst.Drift is { DriftPercent: { } p } ? $"; largest {Percent(p)} for project {worst.Drift.ProjectId ?? "(none)"} on {Periods.Format(worst.Day)}." : ".");
        }

        var unpriced = estimates.SelectMany(e => e.Unpriced).Where(u => Matches(filter, u.ProjectId))
            .GroupBy(u => u.LineItem).Select(g => (LineItem: g.Key, Quantity: g.Sum(u => u.Quantity))).OrderByDescending(g => g.Quantity).ToList();
        if (unpriced.Count > 0)
        {
            yield return $"Unpriced usage (no rate learned yet, e.g. a model first used after the last billed day): its cost is unknown, not $0, and is left out of the per-key costs: " +
                string.Join("; ", unpriced.Take(MaxListed).Select(u => $"{u.Quantity.ToString("N0", CultureInfo.InvariantCulture)} units of '{u.LineItem}'")) +
                (unpriced.Count > MaxListed ? $"; and {unpriced.Count - MaxListed} more line items." : ".");
        }

        var unmatched = estimatedDays.SelectMany(e => e.Unmatched).Where(u => Matches(filter, u.ProjectId))
            .GroupBy(u => u.LineItem).Select(g => (LineItem: g.Key, Amount: g.Sum(u => u.AmountUsd))).OrderByDescending(g => g.Amount).ToList();
        if (unmatched.Count > 0)
        {
            yield return $"Billed charges that no usage maps to cannot be split per key and are not in the per-key costs: {Money(unmatched.Sum(u => u.Amount))} (" +
                string.Join(", ", unmatched.Take(MaxListed).Select(u => $"'{u.LineItem}' {Money(u.Amount)}")) + (unmatched.Count > MaxListed ? ", …)." : ").");
        }
    }

    private static bool Matches(SummaryFilter filter, string? projectId) =>
        filter.For(Dimension.Project) is not { } projects || (projectId is not null && projects.Contains(projectId));

    private static string Money(decimal usd) => "$" + Math.Round(usd, 2).ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? (v >= 0 ? "+" : "") + Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) + " %" : "n/a";
}
