using Azure.Core;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts;
using UsageAlerts.Alerts.Enforcement;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Alerts.HardLimits;
using UsageAlerts.Alerts.Http;
using UsageAlerts.Configuration;
using UsageAlerts.Digests;
using UsageAlerts.Configuration.Secrets;
using UsageAlerts.Health;
using UsageAlerts.Http;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Notifications;
using UsageAlerts.Notifications.Slack;
using UsageAlerts.Notifications.Teams;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Summaries.Dashboard;
using UsageAlerts.Summaries.RateLimits;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts;

/// <summary>The one wiring method both hosts call, so their services never drift apart.</summary>
public static class UsageAlertsServiceCollectionExtensions
{
    public static IServiceCollection AddUsageAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Created on first use only: the standalone host on a connection string never needs one.
        services.TryAddSingleton(_ => AzureCredential.Create(configuration));

        services.AddValidatedOptions<OpenAiOptions>(configuration, OpenAiOptions.SectionName);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.SectionName);
        services.AddValidatedOptions<IngestionOptions>(configuration, IngestionOptions.SectionName);
        services.AddValidatedOptions<KeyVaultOptions>(configuration, KeyVaultOptions.SectionName);
        services.AddValidatedOptions<ScheduleOptions>(configuration, ScheduleOptions.SectionName);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddSingleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>();

        AddSecrets(services, configuration);
        AddStorage(services);
        AddOpenAi(services);
        AddIngestion(services);
        AddPricing(services, configuration);
        AddAlerting(services, configuration);
        AddHttp(services);
        AddSummaries(services, configuration);
        return services;
    }

    private static void AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
    }

    private static void AddSecrets(IServiceCollection services, IConfiguration configuration)
    {
        // Chosen once at start-up: a vault URI means Azure (managed identity), otherwise local configuration.
        if (configuration.GetSection(KeyVaultOptions.SectionName)["Uri"] is { Length: > 0 })
        {
            services.TryAddSingleton(sp => new SecretClient(
                sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value.Uri!,
                sp.GetRequiredService<TokenCredential>()));
            services.TryAddSingleton<ISecretStore, KeyVaultSecretStore>();
        }
        else
        {
            services.TryAddSingleton<ISecretStore>(new ConfigurationSecretStore(configuration));
        }
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var clientOptions = sp.GetService<TableClientOptions>() ?? new TableClientOptions();
            return options.TableServiceUri is { } uri
                ? new TableServiceClient(uri, sp.GetRequiredService<TokenCredential>(), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton<TableStore>();
        services.TryAddSingleton<PackCache>();
    }

    private static void AddOpenAi(IServiceCollection services)
    {
        services.AddHttpClient<OpenAiAdminClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<OpenAiOptions>>().Value.BaseUrl;
                // The resilience pipeline owns timeouts (per attempt and per call).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's own logs put raw header values (the admin key) in their structured state even where the
            // message says "*"; our code logs every call and error it needs, scrubbed.
            .RemoveAllLoggers()
            .AddResilienceHandler(OpenAiResilience.PipelineName, static (builder, context) => OpenAiResilience.Configure(builder, context.ServiceProvider));
    }

    private static void AddIngestion(IServiceCollection services)
    {
        services.TryAddSingleton<StreamCatalog>();
        services.TryAddSingleton<StreamStateStore>();
        services.TryAddSingleton<BucketStreamIngestor>();
        services.TryAddSingleton<StreamPoller>();
        services.TryAddSingleton<PricedPoll>();
        services.TryAddTransient<UsageBucketSource>();
        services.TryAddTransient<CostBucketSource>();
        services.TryAddTransient<CatalogIngestor>();
        services.TryAddTransient<SpendControlIngestor>();
        services.TryAddSingleton<SpendControlReader>();
        services.TryAddSingleton<CatalogReader>();
        services.TryAddSingleton<RowExpiry>();
        services.TryAddSingleton<JobRunStore>();
        services.AddKeyedTransient<IScheduledJob, PollUsageJob>(JobNames.PollUsage);
        services.AddKeyedTransient<IScheduledJob, PollRecentUsageJob>(JobNames.PollRecentUsage);
        services.AddKeyedTransient<IScheduledJob, PollCostsJob>(JobNames.PollCosts);
        services.AddKeyedTransient<IScheduledJob, PollProjectsJob>(JobNames.PollProjects);
        services.AddKeyedTransient<IScheduledJob, CleanupJob>(JobNames.Cleanup);
        services.TryAddSingleton<ScheduledJobs>();
    }

    private static void AddPricing(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PricingOptions>(configuration, PricingOptions.SectionName);
        services.TryAddSingleton<PricingBacklog>();
        services.TryAddSingleton<PricingStore>();
        services.TryAddSingleton<PricedUsageReader>();
        services.TryAddSingleton<CostReader>();
        services.TryAddSingleton<DailyRows>();
        services.TryAddSingleton<RollupReader>();
        services.TryAddSingleton<CostEstimator>();
        services.TryAddSingleton<SpendReader>();
    }

    private static void AddAlerting(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RulesOptions>(configuration, RulesOptions.SectionName);
        services.AddSingleton<IValidateOptions<RulesOptions>, RulesOptionsValidator>();
        services.AddValidatedOptions<AlertingOptions>(configuration, AlertingOptions.SectionName);
        services.AddValidatedOptions<NotificationOptions>(configuration, NotificationOptions.SectionName);
        services.AddValidatedOptions<DashboardOptions>(configuration, DashboardOptions.SectionName);
        services.TryAddSingleton<RulesProvider>();
        services.TryAddSingleton<CostReader>();
        services.TryAddSingleton<UsageReader>();
        services.TryAddSingleton<HeadroomReader>();
        services.TryAddSingleton<CatalogReader>();
        services.TryAddSingleton<BudgetCalculator>();
        services.TryAddSingleton<HardLimitCalculator>();
        services.TryAddSingleton<EvaluationContextFactory>();
        services.AddSingleton<IAlertSource, BudgetSource>();
        services.AddSingleton<IAlertSource, SpikeSource>();
        services.AddSingleton<IAlertSource, HeadroomSource>();
        services.AddSingleton<IAlertSource, BlindSource>();
        services.TryAddSingleton<ScopeSpendReader>();
        services.AddValidatedOptions<EnforcementOptions>(configuration, EnforcementOptions.SectionName);
        services.TryAddSingleton<EnforcementStore>();
        services.TryAddSingleton<EnforcementReporter>();
        services.TryAddSingleton<BudgetEnforcer>();
        // Enforcement first: a limit it changes is the limit the cutoff forecast judges in the same evaluation.
        services.AddSingleton<IAlertSource, EnforcementSource>();
        services.AddSingleton<IAlertSource, HardLimitSource>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<IAlertLedger, AlertLedger>();
        services.TryAddSingleton<AlertExpiry>();
        services.TryAddSingleton<TableLease>();
        services.TryAddSingleton<AlertEngine>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<ReceiverStore>();
        services.TryAddSingleton<ReceiverDirectory>();
        services.TryAddSingleton<WebhookPacer>();
        services.AddHttpClient<WebhookClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // A webhook URL is a credential, in its path (Slack) or query (Teams): the factory would log it with every post.
            .RemoveAllLoggers();
        services.AddSingleton<IChatRenderer, TeamsRenderer>();
        services.AddSingleton<IChatRenderer, SlackRenderer>();
        services.TryAddTransient<OutboxDeliverer>();
        services.TryAddSingleton<DigestBuilder>();
        services.TryAddTransient<DigestSender>();
        services.AddKeyedTransient<IScheduledJob, EvaluateJob>(JobNames.Evaluate);
        services.AddKeyedTransient<IScheduledJob, DeliverJob>(JobNames.Deliver);
        services.AddKeyedTransient<IScheduledJob, DigestJob>(JobNames.Digest);
    }

    private static void AddHttp(IServiceCollection services)
    {
        services.TryAddSingleton<HttpRoutes>();
        services.TryAddSingleton<HealthService>();
        services.AddKeyedSingleton<IRouteHandler, HealthHandler>(RouteNames.Health);
        services.AddKeyedSingleton<IRouteHandler, HealthProbeHandler>(RouteNames.HealthProbe);
        services.AddKeyedSingleton<IRouteHandler, BudgetsHandler>(RouteNames.Budgets);
        services.AddKeyedSingleton<IRouteHandler, AlertsHandler>(RouteNames.Alerts);
    }

    private static void AddSummaries(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SummaryOptions>(configuration, SummaryOptions.SectionName);
        services.AddSingleton<IValidateOptions<SummaryOptions>, SummaryOptionsValidator>();
        services.TryAddSingleton<SealedMonths>();
        services.TryAddSingleton<DailyRows>();
        services.TryAddSingleton<RollupReader>();
        services.TryAddSingleton<SummaryReader>();
        services.TryAddSingleton<CatalogReader>();
        services.TryAddSingleton<UsageReader>();
        services.TryAddSingleton<HeadroomReader>();
        services.TryAddSingleton<SummaryQueryParser>();
        services.TryAddSingleton<SummaryService>();
        services.TryAddSingleton<HeadroomService>();
        services.TryAddSingleton<DataStart>();
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
    }
}
