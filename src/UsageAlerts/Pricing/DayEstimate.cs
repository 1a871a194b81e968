namespace UsageAlerts.Pricing;

/// <summary>
/// What pricing found for one day besides the per-key costs themselves (those are a cost pack in the rollups):
/// whose rates were used, whether OpenAI billed per key that day, the drift of the estimate against the bill per
/// project, usage no rate covered, billed line items no usage explains, and the line items priced from the prices
/// file because no rate had been learned for them (null in estimates stored before the file existed).
/// </summary>
internal sealed record DayEstimate(
    DateOnly Day,
    DateOnly? RatesDay,
    bool BilledPerKey,
    IReadOnlyList<ProjectDrift> Drift,
    IReadOnlyList<UnpricedUsage> Unpriced,
    IReadOnlyList<UnmatchedCharge> Unmatched,
    IReadOnlyList<string>? FilePriced = null);

/// <summary>A project's day: billed total against the sum of its per-key estimates.</summary>
internal sealed record ProjectDrift(string? ProjectId, decimal BilledUsd, decimal EstimatedUsd)
{
    public decimal DriftUsd => EstimatedUsd - BilledUsd;

    /// <summary>Drift in percent of the bill; null when nothing was billed.</summary>
    public decimal? DriftPercent => BilledUsd == 0 ? null : Math.Round(DriftUsd / BilledUsd * 100m, 3);
}

/// <summary>Usage of a line item with no learned rate (a model first used today): its cost is unknown, never $0.</summary>
internal sealed record UnpricedUsage(string? ProjectId, string LineItem, long Quantity);

/// <summary>A billed line item that no usage maps to (storage, credits, a name not per model): billed, not per key.</summary>
internal sealed record UnmatchedCharge(string? ProjectId, string LineItem, decimal AmountUsd);
