using Azure;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// What listing a run of days (or a sealed month) found, remembered for <c>Storage:PackRevalidateSeconds</c> so a
/// repeated summary does not ask storage again. A remembered listing is dropped as soon as this process writes to
/// the rollups, costs or usage tables (<see cref="StorageWriteWatch"/> calls <see cref="Changed"/>), so what a job here
/// wrote shows at once; a write by another instance shows within the interval. Only runs whose every day came from a
/// pack, or that held nothing, are remembered: days read from rows are read again. The packs themselves stay in
/// <see cref="PackCache"/>; a remembered pack no longer cached means the run is listed again.
/// </summary>
internal sealed class ListingMemo(IOptions<StorageOptions> options, TimeProvider timeProvider)
{
    /// <summary>Bounds memory when ranges keep changing; dropping everything only costs one listing per run.</summary>
    private const int MaxRuns = 4096;

    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.PackRevalidateSeconds);
    private readonly Dictionary<Key, Listing> _runs = [];
    private readonly Lock _lock = new();
    private long _version;

    public bool Enabled => _interval > TimeSpan.Zero;

    /// <summary>Taken when a listing begins: a write that ends after it makes the listing stale.</summary>
    public ListingStamp Stamp() => new(timeProvider.GetUtcNow(), Interlocked.Read(ref _version));

    /// <summary>Whether what was read under <paramref name="stamp"/> may still be trusted: nothing written here since, within the interval.</summary>
    public bool IsFresh(ListingStamp stamp) =>
        Enabled && stamp.Version == Interlocked.Read(ref _version) && timeProvider.GetUtcNow() - stamp.At < _interval;

    /// <summary>Something this process wrote may change a listing.</summary>
    public void Changed() => Interlocked.Increment(ref _version);

    /// <summary>The packs a run held when listed less than the interval ago; null when it must be listed again.</summary>
    public IReadOnlyList<PackRef>? Get(string stream, SummaryRange days, bool month)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(new Key(stream, days, month), out var listing) && IsFresh(listing.Stamp) ? listing.Packs : null;
        }
    }

    /// <param name="stamp">Taken when the listing began: a write during it makes the listing stale at once.</param>
    public void Remember(string stream, SummaryRange days, bool month, IReadOnlyList<PackRef> packs, ListingStamp stamp)
    {
        if (!Enabled)
        {
            return;
        }

        lock (_lock)
        {
            if (_runs.Count >= MaxRuns)
            {
                _runs.Clear();
            }

            _runs[new Key(stream, days, month)] = new Listing(packs, stamp);
        }
    }

    private readonly record struct Key(string Stream, SummaryRange Days, bool Month);

    private sealed record Listing(IReadOnlyList<PackRef> Packs, ListingStamp Stamp);
}

/// <summary>When a listing began and the process's write count then.</summary>
internal readonly record struct ListingStamp(DateTimeOffset At, long Version);

/// <summary>A stored pack as a listing saw it.</summary>
internal readonly record struct PackRef(string Partition, string Row, ETag ETag);
