using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Http;

namespace UsageAlerts.Health;

internal static class HealthServices
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<HealthService>();
        // Blindness is an alert like any other, judged by the same engine.
        services.AddSingleton<IAlertSource, BlindSource>();
        services.AddKeyedSingleton<IRouteHandler, HealthHandler>(RouteNames.Health);
        services.AddKeyedSingleton<IRouteHandler, HealthProbeHandler>(RouteNames.HealthProbe);
        return services;
    }
}
