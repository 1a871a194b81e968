using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Configuration;

namespace UsageAlerts.Pricing;

internal static class PricingServices
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PricingOptions>(configuration, PricingOptions.SectionName);
        services.TryAddSingleton<PricingStore>();
        services.TryAddSingleton<PricedUsageReader>();
        services.TryAddSingleton<CostEstimator>();
        services.TryAddSingleton<SpendReader>();
        return services;
    }
}
