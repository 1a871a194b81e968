using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Http;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c>: one self-contained HTML page with server-rendered SVG charts, under a strict Content
/// Security Policy (nothing may load; only the page's own nonce-tagged stylesheet applies).
/// </summary>
internal sealed class DashboardHandler(
    DashboardService dashboards,
    IEnumerable<IDashboardPanel> panels,
    IOptions<SummaryOptions> options,
    TimeProvider timeProvider,
    ILogger<DashboardHandler> logger) : IRouteHandler
{
    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        DashboardQuery query;
        try
        {
            query = DashboardQuery.Parse(request, options.Value, Periods.Day(timeProvider.GetUtcNow()));
        }
        catch (BadParameterException problem)
        {
            SummariesLog.Rejected(logger, RouteNames.Dashboard, problem.Parameter, problem.Title);
            return problem.ToReply();
        }

        var data = await dashboards.LoadAsync(query, cancellationToken);
        var rendered = new List<DashboardPanel>();
        foreach (var panel in panels.OrderBy(p => p.Order))
        {
            if (await panel.RenderAsync(data, cancellationToken) is { } section)
            {
                rendered.Add(section);
            }
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return HttpReply.Text(DashboardPage.Render(data, rendered, nonce), "text/html; charset=utf-8")
            .WithHeader("Content-Security-Policy", ContentSecurityPolicy(nonce))
            .WithHeader("Referrer-Policy", "no-referrer");
    }

    /// <summary>Nothing loads (no scripts, fonts, frames, fetches or forms); charts are inline SVG, so images are limited to data: URIs.</summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; style-src 'nonce-{nonce}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}
