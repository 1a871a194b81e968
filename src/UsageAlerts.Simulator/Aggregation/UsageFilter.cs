using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Aggregation;

/// <summary>Query filters: each dimension's allowed values (a stream with a null value never matches), and batch.</summary>
internal sealed record UsageFilter(IReadOnlyDictionary<Dimension, IReadOnlySet<string>> Values, bool? Batch = null)
{
    public static readonly UsageFilter None = new(new Dictionary<Dimension, IReadOnlySet<string>>());

    public bool Matches(UsageStream stream)
    {
        foreach (var (dimension, allowed) in Values)
        {
            if (stream[dimension] is not { } value || !allowed.Contains(value))
            {
                return false;
            }
        }

        return Batch is not { } batch || stream[Dimension.Batch] == (batch ? "true" : "false");
    }
}

/// <summary>A half-open range of minutes since the Unix epoch.</summary>
internal readonly record struct MinuteRange(long From, long To);

/// <summary>Groups keyed by their values (null where not grouped), in a stable ordinal order.</summary>
internal sealed class GroupIndex
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<(string Key, string?[] Values)> _groups = [];

    public int Count => _groups.Count;

    public int IndexOf(string?[] values)
    {
        var key = string.Join('\u001f', values.Select(value => value ?? "\u0000"));
        if (!_indexes.TryGetValue(key, out var index))
        {
            index = _groups.Count;
            _groups.Add((key, values));
            _indexes.Add(key, index);
        }

        return index;
    }

    public string?[] Values(int group) => _groups[group].Values;

    public int[] Ordered() => [.. Enumerable.Range(0, _groups.Count).OrderBy(g => _groups[g].Key, StringComparer.Ordinal)];
}
