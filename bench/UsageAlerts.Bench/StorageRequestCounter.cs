using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageAlerts.Bench;

/// <summary>
/// Counts every request the app's table clients send (each is one billed transaction: a query page, a point read, a
/// write or a batch), placed per retry so a retried request counts as what it costs.
/// </summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
}
