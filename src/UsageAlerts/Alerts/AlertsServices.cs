using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Alerts.Enforcement;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Alerts.HardLimits;
using UsageAlerts.Alerts.Http;
using UsageAlerts.Configuration;
using UsageAlerts.Http;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

internal static class AlertsServices
{
    /// <summary>The alert sources in the order an evaluation runs them, the engine, its state, and the alert routes.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AlertingOptions>(configuration, AlertingOptions.SectionName);
        services.AddValidatedOptions<EnforcementOptions>(configuration, EnforcementOptions.SectionName);
        services.TryAddSingleton<BudgetCalculator>();
        services.TryAddSingleton<HardLimitCalculator>();
        services.TryAddSingleton<ScopeSpendReader>();
        services.TryAddSingleton<EvaluationContextFactory>();
        services.TryAddSingleton<EnforcementStore>();
        services.TryAddSingleton<EnforcementReporter>();
        services.TryAddSingleton<BudgetEnforcer>();
        services.AddSingleton<IAlertSource, BudgetSource>();
        services.AddSingleton<IAlertSource, SpikeSource>();
        services.AddSingleton<IAlertSource, HeadroomSource>();
        // Enforcement first: a limit it changes is the limit the cutoff forecast judges in the same evaluation.
        services.AddSingleton<IAlertSource, EnforcementSource>();
        services.AddSingleton<IAlertSource, HardLimitSource>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<IAlertLedger, AlertLedger>();
        services.TryAddSingleton<AlertExpiry>();
        services.TryAddSingleton<AlertEngine>();
        services.AddKeyedSingleton<IRouteHandler, BudgetsHandler>(RouteNames.Budgets);
        services.AddKeyedSingleton<IRouteHandler, AlertsHandler>(RouteNames.Alerts);
        return services;
    }
}
