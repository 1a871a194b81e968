using Azure;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// What listing a run of days (or a sealed month) found, remembered for <c>Storage:PackRevalidateSeconds</c> so a
/// repeated request does not ask storage again. Only two kinds of run are remembered: days before a stream's sealed
/// horizon (ingestion re-polls only the days after it, so their packs change only when ingestion state is reset), and
/// runs that held nothing at all (a stream the organization does not use), which a first write shows after at most
/// the interval. The packs themselves stay in <see cref="PackCache"/>; a remembered pack no longer cached means the
/// run is listed again.
/// </summary>
internal sealed class ListingMemo(IOptions<StorageOptions> options, TimeProvider timeProvider)
{
    /// <summary>Bounds memory when ranges keep changing; dropping everything only costs one listing per run.</summary>
    private const int MaxRuns = 4096;

    private readonly TimeSpan _interval = TimeSpan.FromSeconds(options.Value.PackRevalidateSeconds);
    private readonly Dictionary<Key, Listing> _runs = [];
    private readonly Lock _lock = new();

    public bool Enabled => _interval > TimeSpan.Zero;

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>The packs a run held when listed less than the interval ago; null when it must be listed again.</summary>
    public IReadOnlyList<PackRef>? Get(string stream, SummaryRange days, bool month)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(new Key(stream, days, month), out var listing) && Now - listing.At < _interval ? listing.Packs : null;
        }
    }

    /// <param name="listedAt">When the listing began: a write during it is then seen at the next revalidation.</param>
    public void Remember(string stream, SummaryRange days, bool month, IReadOnlyList<PackRef> packs, DateTimeOffset listedAt)
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

            _runs[new Key(stream, days, month)] = new Listing(packs, listedAt);
        }
    }

    private readonly record struct Key(string Stream, SummaryRange Days, bool Month);

    private sealed record Listing(IReadOnlyList<PackRef> Packs, DateTimeOffset At);
}

/// <summary>A stored pack as a listing saw it.</summary>
internal readonly record struct PackRef(string Partition, string Row, ETag ETag);
