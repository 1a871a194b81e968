using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts;
using UsageAlerts.Configuration;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Configuration;

public sealed class StartupValidationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings)
            .Build();
        return new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
    }

    private static string FailureFor<TOptions>(Dictionary<string, string?> settings)
        where TOptions : class
    {
        using var services = Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TOptions>>().Value);
        return error.Message;
    }

    [Theory]
    [InlineData("Ingestion:BackfillDays", "0")]
    [InlineData("Ingestion:MinuteWindowMinutes", "100000")]
    [InlineData("Ingestion:StreamConcurrency", "0")]
    public void Out_of_range_ingestion_settings_name_the_setting(string key, string value) =>
        Assert.Contains(key, FailureFor<IngestionOptions>(new() { [key] = value }), StringComparison.Ordinal);

    [Theory]
    [InlineData("Alerts:BudgetResolveDelay", "40.00:00:00")]
    [InlineData("Alerts:ResolveTimeout", "00:01:00")]
    [InlineData("Alerts:DaySettleDelay", "3.00:00:00")]
    [InlineData("Alerts:ResolvedRetention", "00:10:00")]
    [InlineData("Alerts:MessageRetention", "500.00:00:00")]
    public void Out_of_range_alert_settings_name_the_setting(string key, string value) =>
        Assert.Contains(key, FailureFor<AlertingOptions>(new() { [key] = value }), StringComparison.Ordinal);

    [Fact]
    public void An_unknown_usage_endpoint_is_named() =>
        Assert.Contains("Ingestion:Kinds: unknown usage endpoint(s) 'chat'", FailureFor<IngestionOptions>(new() { ["Ingestion:Kinds:0"] = "chat" }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_schedule_names_the_job_setting() =>
        Assert.Contains("Schedules:PollCosts", FailureFor<ScheduleOptions>(new() { ["Schedules:PollCosts"] = "*/5 * * * *" }), StringComparison.Ordinal);

    [Fact]
    public void Storage_needs_exactly_one_way_in() =>
        Assert.Contains("Storage:ConnectionString", FailureFor<StorageOptions>(new() { ["Storage:TableServiceUri"] = "https://acct.table.core.windows.net" }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_table_prefix_is_named() =>
        Assert.Contains("Storage:TablePrefix", FailureFor<StorageOptions>(new() { ["Storage:TablePrefix"] = "bad-prefix" }), StringComparison.Ordinal);

    [Fact]
    public void A_bad_admin_key_secret_name_is_named() =>
        Assert.Contains("OpenAI:AdminKeySecretName", FailureFor<OpenAiOptions>(new() { ["OpenAI:AdminKeySecretName"] = "not a name!" }), StringComparison.Ordinal);

    [Fact]
    public void Good_defaults_validate()
    {
        using var services = Build([]);

        Assert.Equal(30, services.GetRequiredService<IOptions<IngestionOptions>>().Value.BackfillDays);
        Assert.NotNull(services.GetRequiredService<IOptions<ScheduleOptions>>().Value);
        Assert.NotNull(services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Equal(TimeSpan.FromHours(1), services.GetRequiredService<IOptions<AlertingOptions>>().Value.ResolveTimeout);
    }
}
