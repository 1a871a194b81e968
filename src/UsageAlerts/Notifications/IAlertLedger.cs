namespace UsageAlerts.Notifications;

/// <summary>
/// What delivery needs of alert state, which Alerts keeps: whether a notice is still news when its turn comes, and
/// which receivers got it. Declared here so notifications never depend on alerting.
/// </summary>
internal interface IAlertLedger
{
    /// <summary>The alert still fires, in the same episode (0: any episode).</summary>
    Task<bool> IsFiringAsync(string alertId, int episode, CancellationToken cancellationToken);

    Task RecordDeliveryAsync(string alertId, int episode, string receiver, CancellationToken cancellationToken);
}
