using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.Notifications;
using UsageAlerts.Storage;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>Reads what every evaluation shares (project names, stream health) once, at one instant.</summary>
internal sealed class EvaluationContextFactory(CatalogReader catalog, StreamStateStore streams, IOptions<DashboardOptions> dashboard, TimeProvider timeProvider)
{
    public async Task<EvaluationContext> CreateAsync(CancellationToken cancellationToken) => new(
        timeProvider.GetUtcNow(),
        await catalog.ProjectNamesAsync(cancellationToken),
        (await streams.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal),
        dashboard.Value.PublicBaseUrl);
}
