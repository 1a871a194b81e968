using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/summary (function key): spend and usage for a range, grouped and filtered, as JSON or CSV.</summary>
public sealed class SummaryFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.Summary))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.Summary)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.Summary, request, cancellationToken);
}
