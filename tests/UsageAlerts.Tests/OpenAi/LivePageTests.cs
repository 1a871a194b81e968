using System.Text.Json;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Tests.OpenAi;

/// <summary>Page shapes the live admin API has sent, in contrast to its OpenAPI description.</summary>
public sealed class LivePageTests
{
    private static Task<PageRead<CostResult>> CostsAsync(string results) => PageReading.CostsAsync(
        $$"""{"object":"page","data":[{"object":"bucket","start_time":1764892800,"end_time":1764979200,"results":[{{results}}]}],"has_more":false,"next_page":null}""");

    private static string Amount(string value, string currency = "usd") =>
        $$"""{"object":"organization.costs.result","amount":{"value":{{value}},"currency":"{{currency}}"},"line_item":"gpt-4o-2024-08-06, input","project_id":"proj_a","quantity":{{value}},"organization_id":"org-A"}""";

    [Theory]
    [InlineData("\"12.50\"", "12.5")]
    [InlineData("12.50", "12.5")]
    [InlineData("\"0E-6176\"", "0")]
    [InlineData("\"0.13080438340307526\"", "0.13080438340307526")]
    [InlineData("\"1.5E-7\"", "0.00000015")]
    [InlineData("0.13080438340307526", "0.13080438340307526")]
    [InlineData("\"-3.25\"", "-3.25")]
    public async Task Amounts_and_quantities_as_numbers_or_strings_read_exactly(string json, string expected)
    {
        var result = Assert.Single((await CostsAsync(Amount(json))).Buckets[0].Results);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.AmountUsd);
        Assert.Equal(result.AmountUsd, result.Quantity);
        Assert.Equal("org-A", result.OrganizationId);
    }

    [Theory]
    [InlineData("\"twelve\"", "amount.value")]
    [InlineData("\"NaN\"", "amount.value")]
    [InlineData("\"Infinity\"", "amount.value")]
    [InlineData("\"1E+30\"", "amount.value")]
    [InlineData("1E+30", "amount.value")]
    [InlineData("true", "amount.value")]
    [InlineData("\"\"", "amount.value")]
    public async Task A_value_that_is_not_a_finite_decimal_refuses_the_page_naming_the_field(string json, string field)
    {
        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => CostsAsync(Amount(json)));

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.StartsWith("organization/costs:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_quantity_names_quantity()
    {
        var json = """{"object":"organization.costs.result","amount":{"value":"1.00","currency":"usd"},"quantity":"lots"}""";

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => CostsAsync(json));

        Assert.Contains("'quantity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_without_an_amount_are_skipped_and_counted_not_fatal()
    {
        const string amountless = """{"object":"organization.costs.result","line_item":"assistants api | file search"},{"object":"organization.costs.result","amount":null},{"object":"organization.costs.result","amount":{"currency":"usd"}}""";
        var page = await CostsAsync(amountless + "," + Amount("\"2.00\""));

        Assert.Equal(2.00m, Assert.Single(page.Buckets[0].Results).AmountUsd);
        Assert.Equal(3, page.SkippedResults);
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("USD-credits")]
    public async Task Another_currency_is_never_added_into_usd(string currency)
    {
        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => CostsAsync(Amount("\"5.00\"", currency)));

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.Contains("'amount.currency'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upper_case_usd_is_usd()
    {
        Assert.Equal(5m, Assert.Single((await CostsAsync(Amount("\"5.00\"", "USD"))).Buckets[0].Results).AmountUsd);
    }

    [Theory]
    [InlineData("organization.usage.file_searches.result", "file_search_calls")]
    [InlineData("organization.usage.web_searches.result", "web_search_calls")]
    [InlineData("organization.usage.file_search_calls.result", "file_search_calls")]
    [InlineData("organization.usage.completions.result", "completions")]
    public void Result_objects_map_to_their_endpoints(string objectType, string kind)
    {
        Assert.Equal(kind, UsageKind.FromResultObject(objectType)?.Name);
    }

    [Fact]
    public async Task Newer_usage_fields_and_the_organization_are_kept()
    {
        var page = await PageReading.UsageAsync("""
            {"object":"page","data":[{"object":"bucket","start_time":1764892800,"end_time":1764979200,"results":[
              {"object":"organization.usage.completions.result","organization_id":"org-A","input_tokens":100,"output_tokens":7,"num_model_requests":1,
               "input_cached_tokens":40,"input_cache_write_tokens":25,"input_uncached_tokens":60,"input_text_tokens":90,"input_image_tokens":10,
               "output_text_tokens":7,"output_image_tokens":0,"project_id":"proj_a","model":"gpt-5","batch":false,"service_tier":"flex"}]}],
             "has_more":false,"next_page":null}
            """);

        var result = Assert.Single(page.Buckets[0].Results);
        Assert.Equal(25, result.Metric("input_cache_write_tokens"));
        Assert.Equal(60, result.Metric("input_uncached_tokens"));
        Assert.Equal(10, result.Metric("input_image_tokens"));
        Assert.Equal("false", result.Dimensions.Batch);
        Assert.Equal("flex", result.Dimensions.ServiceTier);
        Assert.Equal(["org-A"], page.OrganizationIds);
    }
}
