using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using UsageAlerts.Http;

namespace UsageAlerts.Functions.Http;

/// <summary>GET /api/budgets (function key): every budget in its period with spend, forecast and alert state.</summary>
public sealed class BudgetsFunction(HttpRoutes routes)
{
    [Function(nameof(RouteNames.Budgets))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = RouteNames.Budgets)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await routes.HandleAsync(RouteNames.Budgets, request, cancellationToken);
}
