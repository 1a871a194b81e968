using Microsoft.AspNetCore.Http;
using UsageAlerts.Http;

namespace UsageAlerts.Health;

/// <summary><c>GET /api/health</c>: per-stream freshness, last errors and the latest run of each job.</summary>
internal sealed class HealthHandler(HealthService health) : IRouteHandler
{
    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        HttpReply.Json(await health.CheckAsync(cancellationToken));
}
