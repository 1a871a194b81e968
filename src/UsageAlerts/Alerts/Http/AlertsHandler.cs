using System.Globalization;
using Microsoft.AspNetCore.Http;
using UsageAlerts.Http;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts.Http;

/// <summary>
/// <c>GET /api/alerts?days=7</c>: alerts firing now, and those that resolved or expired in the last <c>days</c>
/// (1 to 90), each with its episodes and who was told what and when; and the dead letters of those days (messages a
/// webhook refused).
/// </summary>
internal sealed class AlertsHandler(AlertStore alerts, OutboxStore outbox, TimeProvider timeProvider) : IRouteHandler
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
        var since = now.AddDays(-days);
        var states = (await alerts.LoadRecentAsync(since, cancellationToken)).Values.ToList();
        var rows = await outbox.SinceAsync(since, cancellationToken);
        var told = rows.Where(r => r.AlertId is not null).ToLookup(r => r.AlertId!, StringComparer.Ordinal);
        return HttpReply.Json(new
        {
            asOf = now,
            firing = states.Where(s => s.IsFiring).OrderByDescending(s => s.FiredAt).Select(s => AlertView.From(s, told[s.Id.Value])),
            recent = states.Where(s => !s.IsFiring).OrderByDescending(s => s.ResolvedAt).Select(s => AlertView.From(s, told[s.Id.Value])),
            deadLetters = rows.Where(r => r.State == OutboxStatus.Dead).OrderByDescending(r => r.CreatedAt).Select(DeadLetterView.From),
        });
    }
}
