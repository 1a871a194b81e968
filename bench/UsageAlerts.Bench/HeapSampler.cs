namespace UsageAlerts.Bench;

/// <summary>
/// The managed heap's peak, which the GC does not report: its size (live objects and garbage not yet collected)
/// sampled every 10 ms.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(10));
    private readonly Task _sampling;
    private long _peak;

    public HeapSampler() => _sampling = SampleAsync();

    public long PeakBytes => Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(forceFullCollection: false));

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _sampling;
    }

    private async Task SampleAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }
        }
    }
}
