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
        // The options validator has already parsed the file at start-up and rejected it if malformed; this parse is
        // the one the app prices with (a small file, read twice at start-up, never again).
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
