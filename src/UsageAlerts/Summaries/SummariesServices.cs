using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Configuration;
using UsageAlerts.Http;
using UsageAlerts.Summaries.Dashboard;
using UsageAlerts.Summaries.RateLimits;

namespace UsageAlerts.Summaries;

internal static class SummariesServices
{
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SummaryOptions, SummaryOptionsValidator>(configuration, SummaryOptions.SectionName);
        services.TryAddSingleton<SealedMonths>();
        services.TryAddSingleton<SummaryReader>();
        services.TryAddSingleton<SummaryQueryParser>();
        services.TryAddSingleton<SummaryService>();
        services.TryAddSingleton<HeadroomService>();
        services.TryAddSingleton<DashboardService>();
        services.AddSingleton<IDashboardPanel, BudgetPanel>();
        services.AddSingleton<IDashboardPanel, CostPanel>();
        services.AddSingleton<IDashboardPanel, TokensPanel>();
        services.AddSingleton<IDashboardPanel, RequestsPanel>();
        services.AddSingleton<IDashboardPanel, SharePanel>();
        services.AddSingleton<IDashboardPanel, MoversPanel>();
        services.AddKeyedSingleton<IRouteHandler, SummaryHandler>(RouteNames.Summary);
        services.AddKeyedSingleton<IRouteHandler, RateLimitsHandler>(RouteNames.RateLimits);
        services.AddKeyedSingleton<IRouteHandler, DashboardHandler>(RouteNames.Dashboard);
        return services;
    }
}
