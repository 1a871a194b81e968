using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/dashboard (function key): the HTML dashboard with server-rendered charts.</summary>
public sealed class DashboardFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.Dashboard))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.Dashboard)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.Dashboard, request, cancellationToken);
}
