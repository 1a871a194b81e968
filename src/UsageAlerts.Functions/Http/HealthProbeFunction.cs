using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/health/live (anonymous): up or down (storage reachable), and nothing else.</summary>
public sealed class HealthProbeFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.HealthProbe))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RouteNames.HealthProbe)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.HealthProbe, request, cancellationToken);
}
