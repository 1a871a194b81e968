using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UsageAlerts.Digests;

internal static class DigestsServices
{
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.TryAddSingleton<DigestBuilder>();
        services.TryAddTransient<DigestSender>();
        return services;
    }
}
