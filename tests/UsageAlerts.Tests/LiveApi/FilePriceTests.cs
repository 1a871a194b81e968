using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.LiveApi;

/// <summary>
/// The prices file against the simulator: it prices line items no rate has been learned for, and a learned rate wins
/// over it once the bill has taught one.
/// </summary>
public sealed class FilePriceTests : IDisposable
{
    private const string LineItem = "gpt-4o-2024-08-06, input";
    private static readonly DateOnly Day = new(2026, 11, 20);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.json");

    public FilePriceTests() =>
        // Not the simulator's price ($2.50): what the estimate then shows can only come from the file.
        File.WriteAllText(_path, """{ "models": { "gpt-4o": { "usdPerMillionTokens": { "input": 7 } } } }""");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task File_prices_cover_line_items_no_rate_was_learned_for()
    {
        await using var harness = await IngestionHarness.StartAsync("fileprice", settings: new() { ["Pricing:PricesPath"] = _path });
        // Usage, but no bill yet to learn any rate from.
        await harness.RunAsync(JobNames.PollUsage);

        var estimate = Assert.Single(await harness.Services.GetRequiredService<PricingStore>().EstimatesAsync(Day, Day.AddDays(1), default));
        var estimated = await EstimatedAsync(harness, LineItem);
        var quantity = harness.Simulator.Organization.Costs(Periods.Midnight(Day), Periods.Midnight(Day.AddDays(1))).Where(c => c.LineItem == LineItem).Sum(c => c.Quantity);

        Assert.Null(estimate.RatesDay);
        Assert.Contains(LineItem, estimate.FilePriced!);
        Assert.DoesNotContain(estimate.Unpriced, u => u.LineItem == LineItem);
        Assert.Contains(estimate.Unpriced, u => u.LineItem == "gpt-4o-2024-08-06, output");
        Assert.True(quantity > 0);
        Assert.Equal(quantity * 7m / 1_000_000m, estimated);
    }

    [Fact]
    public async Task A_learned_rate_wins_over_the_file()
    {
        await using var harness = await IngestionHarness.StartAsync("filelearned", settings: new() { ["Pricing:PricesPath"] = _path });
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var estimate = Assert.Single(await harness.Services.GetRequiredService<PricingStore>().EstimatesAsync(Day, Day.AddDays(1), default));
        var estimated = await EstimatedAsync(harness, LineItem);
        var billed = harness.Simulator.Organization.Costs(Periods.Midnight(Day), Periods.Midnight(Day.AddDays(1))).Where(c => c.LineItem == LineItem).Sum(c => c.AmountUsd);

        Assert.NotNull(estimate.RatesDay);
        Assert.DoesNotContain(LineItem, estimate.FilePriced ?? []);
        // Learned from the bill (tiers solved across projects): within a percent of it, nowhere near $7 per million.
        Assert.True(Math.Abs(estimated - billed) <= billed * 0.01m, $"estimated {estimated}, billed {billed}");
    }

    private static async Task<decimal> EstimatedAsync(IngestionHarness harness, string lineItem)
    {
        var total = 0m;
        await foreach (var cost in harness.Services.GetRequiredService<CostReader>().ReadStreamAsync(CostEstimator.EstimatedStream, Periods.Midnight(Day), Periods.Midnight(Day.AddDays(1)), default))
        {
            total += cost.LineItem == lineItem ? cost.AmountUsd : 0;
        }

        return total;
    }
}
