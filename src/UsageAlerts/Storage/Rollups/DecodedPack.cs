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
    /// The pack summed over every dimension not in <paramref name="keep"/>: usage records per kept project, model and
    /// API key; cost records per kept project, line item, model (the line items of one model summed, the model kept
    /// on the record) and API key, and per estimated flag. Keeping nothing gives the per-day totals requests that group and
    /// filter by time only need: levels are daily totals already, and cost status only asks whether any cost (or any
    /// estimate) was there.
    /// </summary>
    public DecodedPack SummedTo(IReadOnlyCollection<Dimension> keep)
    {
        var (project, model, key, lineItem) = (keep.Contains(Dimension.Project), keep.Contains(Dimension.Model), keep.Contains(Dimension.ApiKey), keep.Contains(Dimension.LineItem));
        var usage = new List<UsageRecord>();
        foreach (var group in Usage.GroupBy(u => (u.Kind, Project: project ? u.ProjectId : null, Model: model ? u.Model : null, Key: key ? u.ApiKeyId : null)))
        {
            var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in group)
            {
                foreach (var (metric, value) in row.Metrics)
                {
                    metrics[metric] = metrics.GetValueOrDefault(metric) + value;
                }
            }

            usage.Add(new UsageRecord(group.First().Start, group.Key.Kind, group.Key.Project, group.Key.Model, group.Key.Key, [.. metrics]));
        }

        var costs = Costs.GroupBy(c => (c.Estimated, Project: project ? c.ProjectId : null, LineItem: lineItem ? c.LineItem : null, Model: model ? c.Model : null, Key: key ? c.ApiKeyId : null))
            .Select(g => new CostRecord(g.First().Day, g.Key.Project, g.Key.LineItem, g.Key.Key, g.Sum(c => c.AmountUsd), g.Key.Estimated) { Model = g.Key.Model })
            .ToList();
        return new DecodedPack(usage, costs);
    }
}
