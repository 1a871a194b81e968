using System.Diagnostics.Tracing;

namespace UsageAlerts.Bench;

/// <summary>
/// Counts the HTTP requests the Azure SDK sends to Table Storage (each is one billed transaction: a query page, a
/// point read, a write or a batch), from the SDK's own "Azure-Core" event source, so the product needs no hook.
/// </summary>
internal sealed class StorageRequestCounter(Uri tableEndpoint) : EventListener
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Azure-Core")
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // One "Request" event per attempt, with the URI among its payload; other Azure clients are not counted.
        if (eventData.EventName == "Request" && eventData.Payload is { } payload
            && payload.OfType<string>().Any(item => item.StartsWith(tableEndpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)))
        {
            Interlocked.Increment(ref _requests);
        }
    }
}
