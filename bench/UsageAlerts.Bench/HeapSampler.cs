namespace UsageAlerts.Bench;

/// <summary>
/// The managed heap's peaks, which the GC does not report, sampled every 10 ms: its size (live objects and garbage
/// not yet collected), and what the latest collection left (objects that survived it, without fragmentation), the
/// better measure of what the code holds, since the first also moves with how often the GC runs.
/// </summary>
internal sealed class HeapSampler : IAsyncDisposable
{
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(10));
    private readonly Task _sampling;
    private long _peak;
    private long _peakAfterCollection;

    public HeapSampler() => _sampling = SampleAsync();

    public long PeakBytes => Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(forceFullCollection: false));

    public long PeakAfterCollectionBytes => Math.Max(Interlocked.Read(ref _peakAfterCollection), AfterLastCollection());

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _sampling;
    }

    private static long AfterLastCollection()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        long bytes = 0;
        foreach (var generation in info.GenerationInfo)
        {
            bytes += generation.SizeAfterBytes - generation.FragmentationAfterBytes;
        }

        return bytes;
    }

    private async Task SampleAsync()
    {
        while (await _timer.WaitForNextTickAsync())
        {
            Raise(ref _peak, GC.GetTotalMemory(forceFullCollection: false));
            Raise(ref _peakAfterCollection, AfterLastCollection());
        }
    }

    private static void Raise(ref long peak, long now)
    {
        if (now > Interlocked.Read(ref peak))
        {
            Interlocked.Exchange(ref peak, now);
        }
    }
}
