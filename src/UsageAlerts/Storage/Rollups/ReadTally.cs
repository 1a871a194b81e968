namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// What one request's reads (which run in parallel) cost: packs decoded, where the pack cache's savings show, and
/// entities read by reads whose count is not returned to the caller (costs read the way budgets read them).
/// </summary>
internal sealed class ReadTally
{
    private int _decoded;
    private long _entities;

    public int PacksDecoded => Volatile.Read(ref _decoded);

    public long EntitiesRead => Interlocked.Read(ref _entities);

    public void Decoded() => Interlocked.Increment(ref _decoded);

    public void Read(long entities) => Interlocked.Add(ref _entities, entities);
}
