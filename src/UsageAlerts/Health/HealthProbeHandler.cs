using Azure;
using Microsoft.AspNetCore.Http;
using UsageAlerts.Http;
using UsageAlerts.Storage;

namespace UsageAlerts.Health;

/// <summary>
/// <c>GET /api/health/live</c>, anonymous for load balancers and uptime probes: says up or down (storage reachable)
/// and nothing else.
/// </summary>
internal sealed class HealthProbeHandler(TableStore tables) : IRouteHandler
{
    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await tables.GetAsync(TableName.Streams, cancellationToken);
            return HttpReply.Json(new { status = "up" });
        }
        catch (RequestFailedException)
        {
            return HttpReply.Json(new { status = "down" }, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
