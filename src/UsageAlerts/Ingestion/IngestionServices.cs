using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Configuration;

namespace UsageAlerts.Ingestion;

internal static class IngestionServices
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IngestionOptions, IngestionOptionsValidator>(configuration, IngestionOptions.SectionName);
        services.TryAddSingleton<StreamCatalog>();
        services.TryAddSingleton<StreamStateStore>();
        services.TryAddSingleton<BucketStreamIngestor>();
        services.TryAddSingleton<StreamPoller>();
        services.TryAddSingleton<RowExpiry>();
        services.TryAddTransient<UsageBucketSource>();
        services.TryAddTransient<CostBucketSource>();
        services.TryAddTransient<CatalogIngestor>();
        services.TryAddTransient<SpendControlIngestor>();
        return services;
    }
}
