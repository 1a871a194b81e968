using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>
/// Fails table requests the test picks, as a crashed host or a storage outage would leave them: the request never
/// reaches Azurite. Placed per call, so the SDK does not retry it.
/// </summary>
internal sealed class StorageFaults : HttpPipelinePolicy
{
    /// <summary>Decides per request (method, path) whether it fails; null lets everything through.</summary>
    public Func<string, string, bool>? FailWhen { get; set; }

    public int Injected { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (FailWhen is { } fail && fail(message.Request.Method.Method, Uri.UnescapeDataString(message.Request.Uri.Path)))
        {
            Injected++;
            throw new RequestFailedException(503, "injected storage fault");
        }
    }
}
