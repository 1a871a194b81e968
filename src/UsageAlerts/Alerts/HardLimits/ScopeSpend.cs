using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.HardLimits;

/// <summary>
/// This calendar month's spend of one hard-limit scope, and its recent run-rate: the spend of yesterday and today so
/// far over the hours since yesterday began (24 to 48 h), so a jump today moves it within a usage poll while one
/// quiet night does not halve it.
/// </summary>
internal sealed record ScopeSpend(decimal MonthToDateUsd, decimal EstimatedUsd, decimal RecentUsd, double RecentHours)
{
    public decimal RunRateUsdPerHour => RecentHours <= 0 ? 0 : RecentUsd / (decimal)RecentHours;
}

/// <summary>
/// Month-to-date spend per project and for the whole organization, read once through <see cref="SpendReader"/>:
/// billed costs where final, the bill or the larger estimate from usage where the bill still lags.
/// </summary>
internal sealed class ScopeSpendReader(SpendReader spend)
{
    /// <returns>Spend per project id ("" for spend with no project), and the organization's total.</returns>
    public async Task<(IReadOnlyDictionary<string, ScopeSpend> Projects, ScopeSpend Organization)> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = PeriodWindow.Containing(now, Rules.BudgetPeriod.Month);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var yesterday = today.AddDays(-1);
        var from = month.Start < yesterday ? month.Start : yesterday;
        var sums = new Dictionary<string, (decimal Month, decimal Estimated, decimal Recent)>(StringComparer.Ordinal);
        var organization = (Month: 0m, Estimated: 0m, Recent: 0m);
        await foreach (var row in spend.ReadAsync(from, today.AddDays(1), cancellationToken))
        {
            var inMonth = Periods.Midnight(row.Day) >= month.Start ? row.AmountUsd : 0m;
            var estimated = row.Estimated ? inMonth : 0m;
            var recent = Periods.Midnight(row.Day) >= yesterday ? row.AmountUsd : 0m;
            var key = row.ProjectId ?? "";
            var sum = sums.GetValueOrDefault(key);
            sums[key] = (sum.Month + inMonth, sum.Estimated + estimated, sum.Recent + recent);
            organization = (organization.Month + inMonth, organization.Estimated + estimated, organization.Recent + recent);
        }

        var hours = (now - yesterday).TotalHours;
        return (
            sums.ToDictionary(s => s.Key, s => new ScopeSpend(s.Value.Month, s.Value.Estimated, s.Value.Recent, hours), StringComparer.Ordinal),
            new ScopeSpend(organization.Month, organization.Estimated, organization.Recent, hours));
    }

    public static ScopeSpend For(string? projectId, (IReadOnlyDictionary<string, ScopeSpend> Projects, ScopeSpend Organization) spend, DateTimeOffset now) =>
        projectId is null ? spend.Organization
        : spend.Projects.GetValueOrDefault(projectId) ?? new ScopeSpend(0, 0, 0, (now - new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1)).TotalHours);
}
