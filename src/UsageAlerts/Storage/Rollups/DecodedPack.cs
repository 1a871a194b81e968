namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// A pack's records, shared by every request that reads it from <see cref="PackCache"/>: never changed after it is
/// built (readers copy what their filter keeps).
/// </summary>
internal sealed class DecodedPack(IReadOnlyList<UsageRecord> usage, IReadOnlyList<CostRecord> costs)
{
    public IReadOnlyList<UsageRecord> Usage { get; } = usage;

    public IReadOnlyList<CostRecord> Costs { get; } = costs;

    public int Count => Usage.Count + Costs.Count;

    /// <summary>
    /// The pack summed over every group: one usage record with the day's metric totals, or one cost record per
    /// estimated flag. Requests that group and filter by time only get the same figures from these: levels are daily
    /// totals already, and cost status only asks whether any cost (or any estimate) was there.
    /// </summary>
    public DecodedPack Totals()
    {
        var usage = new List<UsageRecord>(1);
        if (Usage.Count > 0)
        {
            var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in Usage)
            {
                foreach (var (metric, value) in row.Metrics)
                {
                    metrics[metric] = metrics.GetValueOrDefault(metric) + value;
                }
            }

            var first = Usage[0];
            usage.Add(new UsageRecord(first.Start, first.Kind, null, null, null, [.. metrics]));
        }

        var costs = Costs.GroupBy(c => c.Estimated)
            .Select(g => new CostRecord(g.First().Day, null, null, null, g.Sum(c => c.AmountUsd), g.Key))
            .ToList();
        return new DecodedPack(usage, costs);
    }
}
