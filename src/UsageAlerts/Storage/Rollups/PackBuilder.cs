using System.IO.Compression;
using System.Text;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Sums one stream's records per group (project, model or line item, API key) and encodes them as a pack: a
/// compressed binary list that stores a whole day or month of the stream in one entity, so a range reads one entity
/// per stream and day (or month) however large the organization is.
/// </summary>
internal sealed class PackBuilder(bool usage) : ISummarySink
{
    internal const byte UsagePack = 1;
    internal const byte CostPack = 2;

    /// <summary>A cost pack whose groups each carry an estimated flag (per-key costs derived from usage).</summary>
    internal const byte FlaggedCostPack = 3;

    private readonly Dictionary<PackGroup, Dictionary<string, long>> _usage = [];
    private readonly Dictionary<PackGroup, decimal> _costs = [];

    public int Groups => usage ? _usage.Count : _costs.Count;

    public void Add(UsageRecord row)
    {
        var group = new PackGroup(row.ProjectId, row.Model, row.ApiKeyId);
        if (!_usage.TryGetValue(group, out var metrics))
        {
            _usage[group] = metrics = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var (metric, value) in row.Metrics)
        {
            metrics[metric] = metrics.GetValueOrDefault(metric) + value;
        }
    }

    public void Add(CostRecord row)
    {
        var group = new PackGroup(row.ProjectId, row.LineItem, row.ApiKeyId, row.Estimated);
        _costs[group] = _costs.GetValueOrDefault(group) + row.AmountUsd;
    }

    /// <summary>
    /// Layout: kind byte, string table (index 0 is null), group count, then per group three string indexes and either
    /// (metric index, value) pairs or the decimal amount. Deflate makes the repeated ids almost free.
    /// </summary>
    public byte[] Encode()
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        int Index(string? text) => text is null ? 0 : strings.TryGetValue(text, out var index) ? index : strings[text] = strings.Count + 1;
        var groups = usage ? _usage.Keys.ToList() : _costs.Keys.ToList();
        var encoded = groups.Select(g => (P: Index(g.ProjectId), D: Index(g.Detail), K: Index(g.ApiKeyId))).ToList();
        var metricNames = usage ? _usage.Values.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).ToList() : [];
        metricNames.ForEach(name => Index(name));

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true), Encoding.UTF8))
        {
            var flagged = !usage && groups.Any(g => g.Estimated);
            writer.Write(usage ? UsagePack : flagged ? FlaggedCostPack : CostPack);
            writer.Write7BitEncodedInt(strings.Count);
            foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
            {
                writer.Write(text);
            }

            writer.Write7BitEncodedInt(groups.Count);
            for (var i = 0; i < groups.Count; i++)
            {
                writer.Write7BitEncodedInt(encoded[i].P);
                writer.Write7BitEncodedInt(encoded[i].D);
                writer.Write7BitEncodedInt(encoded[i].K);
                if (usage)
                {
                    var metrics = _usage[groups[i]];
                    writer.Write7BitEncodedInt(metrics.Count);
                    foreach (var (metric, value) in metrics)
                    {
                        writer.Write7BitEncodedInt(strings[metric]);
                        writer.Write7BitEncodedInt64(value);
                    }
                }
                else
                {
                    writer.Write(_costs[groups[i]]);
                    if (flagged)
                    {
                        writer.Write(groups[i].Estimated);
                    }
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Hands the summed groups to a sink, dated <paramref name="day"/> (the first day of a month pack).</summary>
    public void EmitTo(ISummarySink sink, DateOnly day, string? kind)
    {
        foreach (var (group, metrics) in _usage)
        {
            sink.Add(new UsageRecord(Periods.Midnight(day), kind!, group.ProjectId, group.Detail, group.ApiKeyId, [.. metrics]));
        }

        foreach (var (group, amount) in _costs)
        {
            sink.Add(new CostRecord(day, group.ProjectId, group.Detail, group.ApiKeyId, amount, group.Estimated));
        }
    }

    /// <summary><see cref="Detail"/> is the model of a usage group, the line item of a cost group.</summary>
    private readonly record struct PackGroup(string? ProjectId, string? Detail, string? ApiKeyId, bool Estimated = false);
}
