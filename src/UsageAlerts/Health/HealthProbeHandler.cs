using Azure;
using Azure.Data.Tables;
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
    // A probe must answer quickly: past this, storage counts as down rather than the probe hanging on SDK retries.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // The table client is cached after the first call, so only a real request tells whether storage answers now.
            var table = await tables.GetAsync(TableName.Streams, timeout.Token);
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return HttpReply.Json(new { status = "up" });
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HttpReply.Json(new { status = "down" }, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
