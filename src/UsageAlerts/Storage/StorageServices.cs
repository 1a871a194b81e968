using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Storage;

internal static class StorageServices
{
    /// <summary>The tables and the one read path every feature reads them through.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(configuration, StorageOptions.SectionName);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = sp.GetService<TableClientOptions>() ?? new TableClientOptions();
            clientOptions.AddPolicy(
                new StorageWriteWatch(sp.GetRequiredService<ListingMemo>(), [.. new[] { TableName.Rollups, TableName.Costs, TableName.Usage }.Select(t => TableStore.FullName(options.TablePrefix, t))]),
                HttpPipelinePosition.PerCall);
            return options.TableServiceUri is { } uri
                ? new TableServiceClient(uri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton<TableStore>();
        services.TryAddSingleton<PackCache>();
        services.TryAddSingleton<ListingMemo>();
        services.TryAddSingleton<DataStart>();
        services.TryAddSingleton<TableLease>();
        services.TryAddSingleton<CatalogReader>();
        services.TryAddSingleton<SpendControlReader>();
        services.TryAddSingleton<CostReader>();
        services.TryAddSingleton<UsageReader>();
        services.TryAddSingleton<HeadroomReader>();
        services.TryAddSingleton<DailyRows>();
        services.TryAddSingleton<RollupReader>();
        services.TryAddSingleton<PricingBacklog>();
        return services;
    }
}
