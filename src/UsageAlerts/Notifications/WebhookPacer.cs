using System.Collections.Concurrent;

namespace UsageAlerts.Notifications;

/// <summary>Keeps sends to one webhook at least the configured interval apart, across every job in this process.</summary>
internal sealed class WebhookPacer(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, DateTimeOffset Last)> _webhooks = new(StringComparer.Ordinal);

    public async Task<T> RunAsync<T>(string receiver, TimeSpan interval, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        var entry = _webhooks.GetOrAdd(receiver, _ => (new SemaphoreSlim(1, 1), DateTimeOffset.MinValue));
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = _webhooks[receiver].Last + interval - timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }

            var result = await send();
            _webhooks[receiver] = (entry.Gate, timeProvider.GetUtcNow());
            return result;
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
