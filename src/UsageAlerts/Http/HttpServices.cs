using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UsageAlerts.Http;

internal static class HttpServices
{
    /// <summary>The route table; each feature registers its own handlers under <see cref="RouteNames"/>.</summary>
    public static IServiceCollection AddHttp(this IServiceCollection services)
    {
        services.TryAddSingleton<HttpRoutes>();
        return services;
    }
}
