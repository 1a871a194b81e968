using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/alerts (function key): alerts firing now and recently resolved, and who was told.</summary>
public sealed class AlertsFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.Alerts))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.Alerts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.Alerts, request, cancellationToken);
}
