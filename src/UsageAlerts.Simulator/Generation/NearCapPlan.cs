using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Generation;

/// <summary>
/// The near-cap scenario: in the hour before the origin, one project's traffic on one model is set minute by
/// minute as a share of its tokens-per-minute cap (input + output tokens over all its keys, users and batch):
/// <see cref="HotMinutes"/> minutes at 90–95 %, the others at 15–45 %. Values stay below 100 % up to revision
/// epoch 1 (95 % × 1.05).
/// </summary>
internal sealed class NearCapPlan
{
    public const int HotMinutes = 6;
    private const int WindowMinutes = 60;

    private readonly Dictionary<int, int> _positions;
    private readonly long[] _cumulativeWeights;
    private readonly long[] _targets;

    private NearCapPlan(bool enabled, IReadOnlyList<UsageStream> streams, long windowStart, long[] targets)
    {
        Enabled = enabled && streams.Count > 0;
        WindowStartMinute = windowStart;
        _targets = targets;
        _positions = streams.Select((stream, position) => (stream.Index, position)).ToDictionary(p => p.Index, p => p.position);
        _cumulativeWeights = new long[streams.Count + 1];
        for (var i = 0; i < streams.Count; i++)
        {
            _cumulativeWeights[i + 1] = _cumulativeWeights[i] + (long)Math.Max(1, streams[i].PeakRate * 100);
        }
    }

    public bool Enabled { get; }

    public long WindowStartMinute { get; }

    public long WindowEndMinute => WindowStartMinute + WindowMinutes;

    public static NearCapPlan Create(bool enabled, OrgCatalog catalog, long capTokensPerMinute, ulong seed)
    {
        var model = catalog.NearCapModel.Name;
        var streams = catalog.Streams[UsageKinds.Completions]
            .Where(s => s.Project == ProjectCatalog.NearCap && s[Dimension.Model] == model)
            .ToList();
        var random = new DeterministicRandom(StableHash.Combine(seed, 0x7C));
        var hot = new HashSet<int>();
        while (hot.Count < HotMinutes)
        {
            hot.Add(20 + random.Next(WindowMinutes - 20));
        }

        var targets = new long[WindowMinutes];
        for (var i = 0; i < WindowMinutes; i++)
        {
            var share = hot.Contains(i) ? 0.90 + 0.05 * random.NextDouble() : 0.15 + 0.30 * random.NextDouble();
            targets[i] = (long)(capTokensPerMinute * share);
        }

        return new NearCapPlan(enabled, streams, catalog.Timeline.OriginMinute - WindowMinutes, targets);
    }

    public bool Overrides(UsageKind kind, UsageStream stream, long hour) => Overrides(kind, stream, hour, hour + 1);

    /// <summary>Whether any hour in [fromHour, toHour) of the stream is set minute by minute.</summary>
    public bool Overrides(UsageKind kind, UsageStream stream, long fromHour, long toHour) =>
        Enabled && kind == UsageKinds.Completions && fromHour * 60 < WindowEndMinute && toHour * 60 > WindowStartMinute &&
        _positions.ContainsKey(stream.Index);

    /// <summary>Replaces the window's minutes of <paramref name="minutes"/> (component-major, 60 per component).</summary>
    public void Apply(UsageStream stream, long hour, Span<long> minutes)
    {
        var position = _positions[stream.Index];
        var total = _cumulativeWeights[^1];
        for (var i = 0; i < 60; i++)
        {
            var offset = hour * 60 + i - WindowStartMinute;
            if (offset is < 0 or >= WindowMinutes)
            {
                continue;
            }

            var target = _targets[offset];
            var tokens = target * _cumulativeWeights[position + 1] / total - target * _cumulativeWeights[position] / total;
            var output = tokens / 5;
            var input = tokens - output;
            var cached = input / 4;
            minutes[i] = input - cached;
            minutes[60 + i] = cached;
            minutes[120 + i] = 0;
            minutes[180 + i] = output;
            minutes[240 + i] = 0;
            minutes[300 + i] = Math.Max(1, tokens / 2500);
        }
    }
}
