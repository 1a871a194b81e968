using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;

namespace UsageAlerts.Pricing;

internal static class PricingServices
{
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PricingOptions, PricingOptionsValidator>(configuration, PricingOptions.SectionName);
        // Read once: the options validator has already rejected a malformed file at start-up.
        services.TryAddSingleton(provider => PriceListLoader.Load(provider.GetRequiredService<IOptions<PricingOptions>>().Value.ResolvedPricesPath) switch
        {
            ({ } prices, _) => prices,
            (_, var errors) => throw new InvalidOperationException(string.Join(Environment.NewLine, errors)),
        });
        services.TryAddSingleton<PricingStore>();
        services.TryAddSingleton<PricedUsageReader>();
        services.TryAddSingleton<CostEstimator>();
        services.TryAddSingleton<SpendReader>();
        return services;
    }
}
