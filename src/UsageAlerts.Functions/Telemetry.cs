using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace UsageAlerts.Functions;

/// <summary>
/// The worker's logs and traces go to Application Insights through OpenTelemetry's Azure Monitor exporter, filtered
/// by the ordinary logging levels (Information and up), unlike the Application Insights worker package, whose logger
/// keeps only warnings unless its hidden filter rule is removed. The exporter signs in with the app's one
/// credential when the infrastructure asks for Entra ID authentication (local authentication is disabled there).
/// </summary>
internal static class Telemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var openTelemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults();

        // Without a connection string (func start, the tests) there is nowhere to send telemetry.
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        openTelemetry.UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        if (configuration[AuthenticationSetting]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true)
        {
            services.AddOptions<AzureMonitorExporterOptions>().Configure<TokenCredential>((options, credential) => options.Credential = credential);
        }

        return services;
    }
}
