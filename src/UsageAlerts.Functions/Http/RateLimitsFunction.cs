using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/rate-limits (function key): peak per-minute use against each project's caps.</summary>
public sealed class RateLimitsFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.RateLimits))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.RateLimits)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.RateLimits, request, cancellationToken);
}
