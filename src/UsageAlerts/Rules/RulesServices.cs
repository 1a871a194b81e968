using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Configuration;

namespace UsageAlerts.Rules;

internal static class RulesServices
{
    public static IServiceCollection AddRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RulesOptions, RulesOptionsValidator>(configuration, RulesOptions.SectionName);
        services.TryAddSingleton<RulesProvider>();
        return services;
    }
}
