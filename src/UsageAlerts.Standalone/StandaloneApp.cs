using Microsoft.Extensions.Options;
using UsageAlerts.Http;
using UsageAlerts.Standalone.Demo;
using UsageAlerts.Standalone.Scheduling;
using UsageAlerts.Standalone.Security;

namespace UsageAlerts.Standalone;

/// <summary>
/// The standalone host: the library's jobs on their NCRONTAB schedules and its routes under <c>/api/</c>, on Kestrel,
/// without the Functions runtime. Tests build it with extra configuration; Program.cs just runs it.
/// </summary>
internal static class StandaloneApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        // Request lines carry ?code=, the API key; this rule comes last, so no logging setting turns them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        var simulator = await DemoSimulator.StartIfNeededAsync(builder.Configuration, cancellationToken);
        if (simulator is not null)
        {
            builder.Services.AddSingleton(simulator);
            builder.Services.AddHostedService<DemoSimulator>();
        }

        builder.Services.AddUsageAlerts(builder.Configuration);
        builder.Services.AddOptions<StandaloneOptions>().Bind(builder.Configuration.GetSection(StandaloneOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddHostedService<ApiKeyStartupCheck>();
        builder.Services.AddHostedService<JobScheduler>();

        var app = builder.Build();
        MapRoutes(app);
        return app;
    }

    private static void MapRoutes(WebApplication app)
    {
        foreach (var route in RouteNames.All)
        {
            var endpoint = app.MapGet("/api/" + route, (HttpContext context, HttpRoutes routes) => routes.HandleAsync(route, context.Request, context.RequestAborted));
            if (!RouteNames.IsAnonymous(route))
            {
                endpoint.AddEndpointFilter<ApiKeyFilter>();
            }
        }
    }
}
