using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Http;

namespace UsageAlerts.Summaries.RateLimits;

/// <summary><c>GET /api/rate-limits?minutes=60&amp;project=…&amp;model=…</c>: rate-limit headroom per project and model.</summary>
internal sealed class RateLimitsHandler(HeadroomService headroom, IOptions<SummaryOptions> options, ILogger<RateLimitsHandler> logger) : IRouteHandler
{
    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var query = HeadroomQuery.Parse(request, options.Value);
            return HttpReply.Json(await headroom.MeasureAsync(query, cancellationToken));
        }
        catch (BadParameterException problem)
        {
            SummariesLog.Rejected(logger, RouteNames.RateLimits, problem.Parameter, problem.Title);
            return problem.ToReply();
        }
    }
}
