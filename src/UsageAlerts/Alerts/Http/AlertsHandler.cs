using System.Globalization;
using Microsoft.AspNetCore.Http;
using UsageAlerts.Http;

namespace UsageAlerts.Alerts.Http;

/// <summary>
/// <c>GET /api/alerts?days=7</c>: alerts firing now, and those that resolved or expired in the last <c>days</c>
/// (1 to 90), with when they fired, resolved and which receivers got them.
/// </summary>
internal sealed class AlertsHandler(AlertStore alerts, TimeProvider timeProvider) : IRouteHandler
{
    private const int MaxDays = 90;

    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var days = 7;
        if (request.Query.TryGetValue("days", out var text)
            && (text.Count != 1 || !int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > MaxDays))
        {
            return HttpReply.Problem(StatusCodes.Status400BadRequest, "Invalid parameter", $"days must be a whole number from 1 to {MaxDays}.", "days");
        }

        var now = timeProvider.GetUtcNow();
        var states = (await alerts.LoadAsync(cancellationToken)).Values.ToList();
        return HttpReply.Json(new
        {
            asOf = now,
            firing = states.Where(s => s.Status == AlertStateEntity.Firing).OrderByDescending(s => s.FiredAt).Select(AlertView.From),
            recent = states.Where(s => s.Status != AlertStateEntity.Firing && s.ResolvedAt >= now.AddDays(-days)).OrderByDescending(s => s.ResolvedAt).Select(AlertView.From),
        });
    }
}
