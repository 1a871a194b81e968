namespace UsageAlerts.Storage.Rollups;

/// <summary>Packs decoded by one request's reads (which run in parallel): what the pack cache saved shows here.</summary>
internal sealed class ReadTally
{
    private int _decoded;

    public int PacksDecoded => Volatile.Read(ref _decoded);

    public void Decoded() => Interlocked.Increment(ref _decoded);
}
