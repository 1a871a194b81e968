namespace UsageAlerts.Storage;

/// <summary>
/// The one headroom computation, serving both the rate-limit alert and <c>/api/rate-limits</c>: one-minute usage over
/// a window, summed per minute for each project and the model its cap is set on (the usage model itself when no cap
/// matches), so a peak is the peak of what OpenAI's limiter sees.
/// </summary>
internal sealed class HeadroomReader(UsageReader usage)
{
    public async Task<MinuteUsage> ReadAsync(IEnumerable<string> minuteStreams, RateLimitCaps caps, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projects, CancellationToken cancellationToken)
    {
        var minutes = new MinuteUsage(caps);
        foreach (var stream in minuteStreams)
        {
            await foreach (var row in usage.ReadAsync(stream, from, to, projects, cancellationToken))
            {
                minutes.Add(row);
            }
        }

        return minutes;
    }
}
