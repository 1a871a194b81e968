using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Summaries;

namespace UsageAlerts.Tests.Summaries;

public sealed class SummaryOptionsTests
{
    private static string FailureFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings)
            .Build();
        using var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SummaryOptions>>().Value).Message;
    }

    [Theory]
    [InlineData("Summaries:MaxRangeDays", "0")]
    [InlineData("Summaries:DefaultRangeDays", "5000")]
    [InlineData("Summaries:OtherShareThreshold", "0.9")]
    [InlineData("Summaries:MaxGroups", "5")]
    [InlineData("Summaries:MaxParameterLength", "100000")]
    [InlineData("Summaries:MaxHeadroomMinutes", "10000")]
    public void Out_of_range_settings_are_named(string key, string value) =>
        Assert.Contains(key, FailureFor(new() { [key] = value }), StringComparison.Ordinal);

    [Fact]
    public void A_default_range_longer_than_the_cap_is_named() =>
        Assert.Contains(
            "Summaries:DefaultRangeDays (60) must not exceed Summaries:MaxRangeDays (31)",
            FailureFor(new() { ["Summaries:DefaultRangeDays"] = "60", ["Summaries:MaxRangeDays"] = "31" }),
            StringComparison.Ordinal);

    [Fact]
    public void A_default_window_longer_than_the_cap_is_named() =>
        Assert.Contains(
            "Summaries:DefaultHeadroomMinutes",
            FailureFor(new() { ["Summaries:DefaultHeadroomMinutes"] = "120", ["Summaries:MaxHeadroomMinutes"] = "60" }),
            StringComparison.Ordinal);
}
