using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Pricing;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Bench;

/// <summary>
/// How close the app's spend estimate (usage × rates learned from final bills, the <c>costs.estimated.1d</c> stream
/// budgets fall back on while the bill lags) comes to the final bill, per project and day. The simulated
/// organization (scenarios on) is read from a warm-up of history; then for each measured day D the clock moves to
/// D+1 00:00 for <c>PollUsage</c> (the day's usage complete) and 00:10 for <c>PollCosts</c> (both price, as on the
/// default schedules), and the day's estimate is taken as it stands then, while the lagging bill still misses D's
/// last hours. Final billed = the simulator's costs once the lag has passed (no revisions). The simulator's prices are
/// constant unless <c>--price-change-day</c> asks for a change (<see cref="SimulatorOptions.PriceChangeFrom"/>).
/// </summary>
internal static class AccuracyBenchmark
{
    private const int WarmupDays = 10;
    private static readonly DateOnly FirstDay = new(2026, 10, 1);
    private static readonly string[] Jobs = [JobNames.PollUsage, JobNames.PollCosts, JobNames.PollProjects];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = NamedOptions.Parse(args, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--days"] = "30",
            ["--costs-lag-hours"] = "6",
            ["--projects"] = "8",
            ["--models"] = "6",
            ["--price-change-day"] = "0",
            ["--price-percent"] = "80",
        });
        var days = options.Number("--days", 1, 120);
        var simulator = new SimulatorOptions
        {
            Projects = options.Number("--projects", 3, 100),
            Models = options.Number("--models", 1, 50),
            Days = WarmupDays,
            CostsLagHours = options.Number("--costs-lag-hours", 0, 168),
        };
        // Optionally OpenAI changes every price at the start of measured day N: the estimate's rates lag it.
        var priceChangeDay = options.Number("--price-change-day", 0, days);
        if (priceChangeDay > 0)
        {
            simulator.PriceChangeFrom = Periods.Midnight(FirstDay.AddDays(priceChangeDay - 1));
            simulator.PriceChangeFactor = options.Number("--price-percent", 1, 10_000) / 100m;
        }

        var connection = Environment.GetEnvironmentVariable("USAGEALERTS_BENCH_STORAGE")
            ?? throw new InvalidOperationException("USAGEALERTS_BENCH_STORAGE is not set: run through scripts/bench, which starts Azurite.");
        Console.WriteLine($"estimate accuracy: {days} days from {FirstDay:yyyy-MM-dd}, simulator {simulator.Projects} projects x {simulator.Models} models (scenarios on),");
        Console.WriteLine($"costs lagging {simulator.CostsLagHours} h, {WarmupDays} days of history before; estimate of day D as it stands at D+1 00:10"
            + (simulator.PriceChangeFrom is { } change ? $"; every price x{simulator.PriceChangeFactor} from {change:yyyy-MM-dd HH:mm}" : "; prices constant"));

        await using var timeline = await JobTimeline.StartAsync(connection, $"acc{DateTime.UtcNow:HHmmss}", Periods.Midnight(FirstDay), simulator, Rules, Jobs);
        await timeline.StartUpAsync();
        var costs = timeline.Services.GetRequiredService<CostReader>();
        var pricing = timeline.Services.GetRequiredService<PricingStore>();
        var measured = new List<MeasuredDay>();
        for (var d = 0; d < days; d++)
        {
            var day = FirstDay.AddDays(d);
            var next = Periods.Midnight(day.AddDays(1));
            timeline.JumpTo(next);
            await timeline.RunJobAsync(JobNames.PollUsage);
            timeline.JumpTo(next.AddMinutes(10));
            await timeline.RunJobAsync(JobNames.PollCosts);
            var estimated = await ByProjectAsync(costs.ReadStreamAsync(CostEstimator.EstimatedStream, Periods.Midnight(day), next, CancellationToken.None));
            var billedSoFar = await ByProjectAsync(costs.ReadAsync(Periods.Midnight(day), next, CancellationToken.None));
            var estimate = (await pricing.EstimatesAsync(day, day.AddDays(1), CancellationToken.None)).SingleOrDefault();
            measured.Add(new MeasuredDay(day, estimated, billedSoFar, estimate?.RatesDay, estimate?.Unpriced.Count ?? 0));
        }

        // The final bill: everything the costs endpoint will show once the lag has passed.
        var organization = timeline.Simulator.Organization;
        var errors = new List<ProjectDayError>();
        Console.WriteLine("day        | billed at 00:10 | estimate    | final bill  | error   | rates from | unpriced items");
        foreach (var m in measured)
        {
            var final = organization.Costs(Periods.Midnight(m.Day), Periods.Midnight(m.Day.AddDays(1)))
                .GroupBy(c => c.ProjectId ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.AmountUsd), StringComparer.Ordinal);
            foreach (var project in final.Keys.Union(m.Estimated.Keys))
            {
                errors.Add(new ProjectDayError(m.Day, project, m.Estimated.GetValueOrDefault(project), final.GetValueOrDefault(project)));
            }

            var (estimated, billed) = (m.Estimated.Values.Sum(), final.Values.Sum());
            Console.WriteLine($"{m.Day:yyyy-MM-dd} | {Usd(m.BilledSoFar.Values.Sum()),15} | {Usd(estimated),11} | {Usd(billed),11} | {Percent(estimated, billed),7} | {m.RatesDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none",10} | {m.Unpriced}");
        }

        Report(errors);
        return 0;
    }

    private static void Report(List<ProjectDayError> errors)
    {
        var scored = errors.Where(e => e.Billed > 0).Select(e => (Error: e, Abs: Math.Abs((double)((e.Estimated - e.Billed) / e.Billed * 100m)))).OrderBy(e => e.Abs).ToList();
        var unbilled = errors.Count(e => e.Billed == 0 && e.Estimated != 0);
        if (scored.Count == 0)
        {
            Console.WriteLine("no billed project-day to compare");
            return;
        }

        double at(double q) => scored[Math.Min(scored.Count - 1, (int)Math.Ceiling(q * scored.Count) - 1)].Abs;
        var signed = scored.Average(e => (double)((e.Error.Estimated - e.Error.Billed) / e.Error.Billed * 100m));
        Console.WriteLine($"per project and day ({scored.Count} project-days with a bill; {unbilled} estimated with no bill): absolute error mean {scored.Average(e => e.Abs):F3} %, "
            + $"median {at(0.5):F3} %, p95 {at(0.95):F3} %, max {scored[^1].Abs:F3} %; mean signed {signed:+0.000;-0.000} %; "
            + $"sum of |estimate - bill| {errors.Sum(e => Math.Abs(e.Estimated - e.Billed)).ToString("0.######", CultureInfo.InvariantCulture)} USD");
        Console.WriteLine("worst project-days:");
        foreach (var (error, abs) in scored.AsEnumerable().Reverse().Take(5))
        {
            Console.WriteLine($"  {error.Day:yyyy-MM-dd} {error.Project}: estimate {Usd(error.Estimated)}, final bill {Usd(error.Billed)}, {Percent(error.Estimated, error.Billed)}");
        }

        var (estimated, billed) = (errors.Sum(e => e.Estimated), errors.Sum(e => e.Billed));
        Console.WriteLine($"total over {errors.Select(e => e.Day).Distinct().Count()} days: estimate {Usd(estimated)}, final bill {Usd(billed)}, {Percent(estimated, billed)}");
    }

    private static async Task<Dictionary<string, decimal>> ByProjectAsync(IAsyncEnumerable<CostRecord> records)
    {
        var byProject = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var record in records)
        {
            byProject[record.ProjectId ?? ""] = byProject.GetValueOrDefault(record.ProjectId ?? "") + record.AmountUsd;
        }

        return byProject;
    }

    private static string Usd(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal estimated, decimal billed) =>
        billed == 0 ? "n/a" : ((estimated - billed) / billed * 100m).ToString("+0.000;-0.000", CultureInfo.InvariantCulture) + " %";

    private static readonly string Rules = $$"""
        { "receivers": [ { "name": "{{JobTimeline.Receiver}}", "type": "slack", "secret": "SlackWebhookUrl" } ], "budgets": [] }
        """;

    private sealed record MeasuredDay(DateOnly Day, Dictionary<string, decimal> Estimated, Dictionary<string, decimal> BilledSoFar, DateOnly? RatesDay, int Unpriced);

    private sealed record ProjectDayError(DateOnly Day, string Project, decimal Estimated, decimal Billed);
}
