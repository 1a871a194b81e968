using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/health (function key): the last run of every job and whether storage answers.</summary>
public sealed class HealthFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.Health))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.Health, request, cancellationToken);
}
