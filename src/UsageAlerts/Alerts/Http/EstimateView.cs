using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Pricing;

namespace UsageAlerts.Alerts.Http;

/// <summary>
/// What <c>/api/budgets</c> says about the estimate behind its figures, over the last <c>Pricing:DriftWindowDays</c>
/// days and today (the days health judges): usage no rate prices (its cost unknown, never $0) and the drift recorded
/// per day and project once a day's bill arrived.
/// </summary>
internal static class EstimateView
{
    public static IEnumerable<object> Unpriced(IReadOnlyList<DayEstimate> estimates, EvaluationContext context) =>
        estimates.OrderBy(e => e.Day).SelectMany(e => e.Unpriced
            .OrderBy(u => u.ProjectId, StringComparer.Ordinal).ThenBy(u => u.LineItem, StringComparer.Ordinal)
            .Select(u => new
            {
                day = e.Day,
                projectId = u.ProjectId,
                project = context.ProjectLabel(u.ProjectId),
                lineItem = u.LineItem,
                quantity = u.Quantity,
                // No costUsd at all: the cost is unknown, and a 0 or a missing figure would read as free.
                costStatus = "unpriced",
            }));

    public static IEnumerable<object> Drift(IReadOnlyList<DayEstimate> estimates, EvaluationContext context) =>
        estimates.Where(e => e.Drift.Count > 0).OrderBy(e => e.Day).Select(e => new
        {
            day = e.Day,
            ratesDay = e.RatesDay,
            filePriced = e.FilePriced ?? [],
            projects = e.Drift.OrderBy(d => d.ProjectId, StringComparer.Ordinal).Select(d => new
            {
                projectId = d.ProjectId,
                project = context.ProjectLabel(d.ProjectId),
                billedUsd = d.BilledUsd,
                estimatedUsd = d.EstimatedUsd,
                driftUsd = d.DriftUsd,
                driftPercent = d.DriftPercent,
            }),
        });
}
