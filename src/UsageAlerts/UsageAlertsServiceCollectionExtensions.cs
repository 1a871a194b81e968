using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Alerts;
using UsageAlerts.Configuration;
using UsageAlerts.Configuration.Secrets;
using UsageAlerts.Digests;
using UsageAlerts.Health;
using UsageAlerts.Http;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts;

/// <summary>The one wiring method both hosts call, so their services never drift apart. Each feature folder registers its own services and options.</summary>
public static class UsageAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddUsageAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Created on first use only: the standalone host on a connection string never needs one.
        services.TryAddSingleton(_ => AzureCredential.Create(configuration));

        return services
            .AddSecrets(configuration)
            .AddStorage(configuration)
            .AddOpenAi(configuration)
            .AddIngestion(configuration)
            .AddPricing(configuration)
            .AddRules(configuration)
            .AddNotifications(configuration)
            .AddAlerts(configuration)
            .AddHealth()
            .AddDigests()
            .AddSummaries(configuration)
            .AddHttp()
            .AddJobs(configuration);
    }
}
