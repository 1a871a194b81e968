using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>Answers delivery's questions from the stored alert state.</summary>
internal sealed class AlertLedger(AlertStore alerts) : IAlertLedger
{
    public async Task<bool> IsFiringAsync(string alertId, int episode, CancellationToken cancellationToken)
    {
        var state = await alerts.GetAsync(new AlertId(alertId), cancellationToken);
        return state is not null && state.IsFiring && (episode == 0 || state.Episode == episode);
    }

    public Task RecordDeliveryAsync(string alertId, int episode, string receiver, CancellationToken cancellationToken) =>
        alerts.ChangeAsync(
            new AlertId(alertId),
            state => (episode == 0 || state.Episode == episode) && !state.DeliveredTo.Contains(receiver)
                ? state with { DeliveredTo = [.. state.DeliveredTo, receiver] }
                : null,
            cancellationToken);
}
