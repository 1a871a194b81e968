using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Pricing;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Pricing;

/// <summary>The optional prices file: its shipped example, what it prices, and how a bad file stops start-up.</summary>
public sealed class PriceListTests
{
    private static PriceList Parse(string json)
    {
        var (prices, errors) = PriceListLoader.Parse(json, "prices.json");
        Assert.Empty(errors);
        return prices!;
    }

    [Fact]
    public async Task The_shipped_example_loads_and_matches_its_schema()
    {
        var path = Path.Combine(RepoPaths.Root, "config", "prices.json");
        var (prices, errors) = PriceListLoader.Load(path);

        Assert.Empty(errors);
        Assert.False(prices!.IsEmpty);
        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("EXAMPLE PRICES", text, StringComparison.Ordinal);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Root, "config", "prices.schema.json"));
        Assert.Empty(schema.Validate(text));
    }

    [Fact]
    public void A_model_prices_its_token_line_items_per_million_and_its_dated_snapshots()
    {
        var prices = Parse("""
            { "models": { "gpt-5.1": { "usdPerMillionTokens": { "input": 1.25, "batch output": 5 } } },
              "lineItems": { "web search tool calls": { "usdPerUnit": 0.01 } } }
            """);

        Assert.Equal(0.00000125m, prices.UsdPerUnit("gpt-5.1, input"));
        Assert.Equal(0.00000125m, prices.UsdPerUnit("gpt-5.1-2025-11-13, input"));
        Assert.Equal(0.000005m, prices.UsdPerUnit("gpt-5.1, batch output"));
        Assert.Null(prices.UsdPerUnit("gpt-5.1, output"));
        Assert.Null(prices.UsdPerUnit("gpt-5.1-mini-2025-11-13, input"));
        Assert.Equal(0.01m, prices.UsdPerUnit("web search tool calls"));
    }

    [Theory]
    [InlineData("""{ "models": { "gpt-5.1": { "usdPerMillionTokens": { "output": "ten" } } } }""", "prices.json: $.models['gpt-5.1'].usdPerMillionTokens.output: must be a number of USD, 0 or more (got \"ten\")")]
    [InlineData("""{ "models": { "gpt-5.1": { "usdPerMillionTokens": { "input": -1 } } } }""", "prices.json: $.models['gpt-5.1'].usdPerMillionTokens.input: must be a number of USD, 0 or more (got -1)")]
    [InlineData("""{ "models": { "gpt-5.1": { "usdPerMillionTokens": { "reasoning": 1 } } } }""", "prices.json: $.models['gpt-5.1'].usdPerMillionTokens.reasoning: unknown token type")]
    [InlineData("""{ "models": { "gpt-5.1": { "input": 1 } } }""", "prices.json: $.models['gpt-5.1'].input: unknown field (expected usdPerMillionTokens)")]
    [InlineData("""{ "lineItems": { "web search tool calls": { "usd": 0.01 } } }""", "prices.json: $.lineItems['web search tool calls'].usd: unknown field (expected usdPerUnit)")]
    [InlineData("""{ "model": {} }""", "prices.json: $.model: unknown field")]
    [InlineData("""{ "models": [] }""", "prices.json: $.models: must be an object (got array)")]
    [InlineData("""{ "models": { """, "prices.json: not valid JSON")]
    public void A_bad_file_is_named_with_its_field(string json, string expected)
    {
        var (prices, errors) = PriceListLoader.Parse(json, "prices.json");

        Assert.Null(prices);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_file_stops_start_up_naming_the_setting_the_file_and_the_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "models": { "gpt-5.1": { "usdPerMillionTokens": { "output": null } } } }""");
        try
        {
            using var services = Build(path);
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);
            Assert.Contains($"Pricing:PricesPath: {path}: $.models['gpt-5.1'].usdPerMillionTokens.output", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_means_no_file_prices()
    {
        using var services = Build(Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json"));

        Assert.True(services.GetRequiredService<PriceList>().IsEmpty);
    }

    [Fact]
    public void A_learned_rate_wins_over_the_file_and_the_file_prices_what_none_was_learned_for()
    {
        var prices = Parse("""{ "models": { "gpt-5.1": { "usdPerMillionTokens": { "input": 1.25, "output": 10 } } } }""");
        var learned = new[] { new UnitRate("gpt-5.1, input", "default", 0.000001m, Blended: false) }.ToLookup(r => r.LineItem, StringComparer.Ordinal);

        var input = RateChoice.For(learned, prices, "gpt-5.1, input", "default", out var inputFromFile);
        var output = RateChoice.For(learned, prices, "gpt-5.1, output", "flex", out var outputFromFile);
        var unknown = RateChoice.For(learned, prices, "gpt-6, input", "default", out var unknownFromFile);

        Assert.Equal((0.000001m, false), (input!.UsdPerUnit, inputFromFile));
        Assert.Equal((0.00001m, true), (output!.UsdPerUnit, outputFromFile));
        Assert.Null(unknown);
        Assert.False(unknownFromFile);
    }

    private static ServiceProvider Build(string pricesPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Pricing:PricesPath"] = pricesPath })
            .Build();
        return new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
    }
}
