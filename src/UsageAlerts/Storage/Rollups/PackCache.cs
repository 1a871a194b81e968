using Azure;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Decoded packs kept in memory, so a repeated or overlapping range costs no decode. An entry is keyed by its
/// partition and row and holds the ETag it was decoded from: a reader first asks storage for the current ETags (keys
/// only, no pack data) and uses an entry only while its ETag still matches, so a re-polled or rewritten day is
/// decoded again, never served stale. Bounded by the records it holds (<c>Storage:PackCacheRecords</c>), least
/// recently used first out; 0 turns it off.
/// </summary>
internal sealed class PackCache(IOptions<StorageOptions> options)
{
    private readonly long _capacity = options.Value.PackCacheRecords;
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries = [];
    private readonly Dictionary<(string Partition, string View), int> _partitions = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();
    private long _records;

    public bool Enabled => _capacity > 0;

    /// <summary>Records held now (each usage or cost group counts one).</summary>
    public long Records
    {
        get
        {
            lock (_lock)
            {
                return _records;
            }
        }
    }

    /// <summary>Whether anything of a partition is held in this view: only then is asking for ETags first worth a query.</summary>
    public bool Holds(string partition, PackView view) => Entries(partition, view) > 0;

    /// <summary>Entries held of a partition in this view.</summary>
    public int Entries(string partition, PackView view)
    {
        lock (_lock)
        {
            return _partitions.GetValueOrDefault((partition, view.Key));
        }
    }

    /// <summary>The records decoded from this partition, row and view, if they were decoded from <paramref name="etag"/>.</summary>
    public DecodedPack? Get(string partition, string row, PackView view, ETag etag)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(new Key(partition, row, view.Key), out var node) || node.Value.ETag != etag)
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Pack;
        }
    }

    public void Put(string partition, string row, PackView view, ETag etag, DecodedPack pack)
    {
        var weight = pack.Count + 1L;
        if (weight > _capacity)
        {
            return;
        }

        var key = new Key(partition, row, view.Key);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var old))
            {
                Remove(old);
            }

            var node = _recency.AddFirst(new Entry(key, etag, pack, weight));
            _entries[key] = node;
            _partitions[(partition, view.Key)] = _partitions.GetValueOrDefault((partition, view.Key)) + 1;
            _records += weight;
            while (_records > _capacity && _recency.Last is { } last)
            {
                Remove(last);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
        _records -= node.Value.Weight;
        var partition = (node.Value.Key.Partition, node.Value.Key.View);
        if (--_partitions[partition] == 0)
        {
            _partitions.Remove(partition);
        }
    }

    private readonly record struct Key(string Partition, string Row, string View);

    private sealed record Entry(Key Key, ETag ETag, DecodedPack Pack, long Weight);
}
