using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Digests;

/// <summary>
/// The daily or weekly chat summary: yesterday against the day before, month to date against budgets, top projects
/// and models, and the projects that moved most against their last week. Spend is read through
/// <see cref="SpendReader"/> (the bill where it is final or covers the day, the estimate from usage elsewhere), and a
/// figure that holds estimated spend says so.
/// </summary>
internal sealed class DigestBuilder(SpendReader spend, BudgetCalculator budgets)
{
    private const int Top = 5;

    public async Task<DigestMessage> BuildAsync(DigestRule digest, RulesDocument rules, EvaluationContext context, string organization, Uri? dashboard, CancellationToken cancellationToken)
    {
        var today = new DateTimeOffset(context.Now.UtcDateTime.Date, TimeSpan.Zero);
        var yesterday = today.AddDays(-1);
        var monthStart = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var from = monthStart < today.AddDays(-8) ? monthStart : today.AddDays(-8);
        decimal yesterdayTotal = 0, dayBefore = 0, monthToDate = 0, todaySoFar = 0;
        decimal yesterdayEstimated = 0, monthEstimated = 0, todayEstimated = 0;
        var projectsMonth = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var modelsYesterday = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var projectsYesterday = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var projectsWeek = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var row in spend.ReadAsync(from, today.AddDays(1), cancellationToken))
        {
            var project = row.ProjectId ?? "";
            var day = Storage.Periods.Midnight(row.Day);
            var estimated = row.Estimated ? row.AmountUsd : 0;
            if (day >= monthStart)
            {
                monthToDate += row.AmountUsd;
                monthEstimated += estimated;
                projectsMonth[project] = projectsMonth.GetValueOrDefault(project) + row.AmountUsd;
            }

            todaySoFar += day == today ? row.AmountUsd : 0;
            todayEstimated += day == today ? estimated : 0;
            dayBefore += day == yesterday.AddDays(-1) ? row.AmountUsd : 0;
            if (day == yesterday)
            {
                yesterdayTotal += row.AmountUsd;
                yesterdayEstimated += estimated;
                projectsYesterday[project] = projectsYesterday.GetValueOrDefault(project) + row.AmountUsd;
                var model = row.LineItem is { } item && item.Contains(',', StringComparison.Ordinal) ? item[..item.IndexOf(',', StringComparison.Ordinal)] : row.LineItem ?? "(other)";
                modelsYesterday[model] = modelsYesterday.GetValueOrDefault(model) + row.AmountUsd;
            }
            else if (day < yesterday && day >= yesterday.AddDays(-7))
            {
                projectsWeek[project] = projectsWeek.GetValueOrDefault(project) + row.AmountUsd;
            }
        }

        var change = dayBefore == 0 ? "" : $" ({(yesterdayTotal - dayBefore) / dayBefore * 100m:+0;-0;0} % vs the day before)";
        var statuses = await budgets.CalculateAsync(rules.Budgets, context, cancellationToken);
        string Name(string id) => context.ProjectLabel(id.Length == 0 ? null : id);
        return new DigestMessage(
            organization,
            $"{digest.Name} · {Display.Day(yesterday)}",
            context.Now,
            [
                new("Yesterday", Labelled(yesterdayTotal, yesterdayEstimated) + change),
                new("Month to date", Labelled(monthToDate, monthEstimated)),
                new("Today so far (provisional)", Labelled(todaySoFar, todayEstimated)),
            ],
            [.. statuses.Select(s => new NoticeFact(s.Rule.Name, $"{Labelled(s.SpentUsd, s.EstimatedUsd)} of {Display.Usd(s.Rule.AmountUsd)} ({Display.Percent(s.Percent)}) · forecast {Display.Usd(s.ForecastUsd)}"))],
            [.. projectsMonth.OrderByDescending(p => p.Value).Take(Top).Select(p => new NoticeFact(Name(p.Key), Display.Usd(p.Value)))],
            [.. modelsYesterday.OrderByDescending(m => m.Value).Take(Top).Select(m => new NoticeFact(m.Key, Display.Usd(m.Value)))],
            [.. projectsYesterday.Keys.Union(projectsWeek.Keys)
                .Select(p => (Project: p, Delta: projectsYesterday.GetValueOrDefault(p) - (projectsWeek.GetValueOrDefault(p) / 7m)))
                .OrderByDescending(m => Math.Abs(m.Delta)).Take(Top)
                .Select(m => new NoticeFact(Name(m.Project), $"{(m.Delta >= 0 ? "+" : "")}{Display.Usd(m.Delta)} vs its 7-day average"))],
            dashboard);
    }

    /// <summary>An amount that holds spend estimated from usage (OpenAI's bill does not cover it yet) says so, and how much when not all of it is.</summary>
    private static string Labelled(decimal total, decimal estimated) =>
        estimated == 0 ? Display.Usd(total)
        : estimated == total ? $"{Display.Usd(total)} (estimated)"
        : $"{Display.Usd(total)} (estimated: {Display.Usd(estimated)} of it)";
}
