using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Organization;

/// <summary>Turns aggregated groups into the public ground-truth rows.</summary>
internal static class TruthRows
{
    public static SimUsageRow Usage(UsageKind kind, UsageGroup group)
    {
        string? Value(Dimension dimension) => group.Dimensions[(int)dimension];
        var batch = Value(Dimension.Batch);
        return new SimUsageRow(
            kind.Name,
            Value(Dimension.ProjectId),
            Value(Dimension.UserId),
            Value(Dimension.ApiKeyId),
            Value(Dimension.Model),
            batch is null ? null : batch == "true",
            Value(Dimension.ServiceTier),
            Value(Dimension.Size),
            Value(Dimension.Source),
            Value(Dimension.VectorStoreId),
            Value(Dimension.ContextLevel),
            kind.Metrics.ToDictionary(metric => metric.Name, metric => Metric(metric, group.Components)));
    }

    public static long Metric(MetricDef metric, long[] components)
    {
        var sum = 0L;
        foreach (var c in metric.Components)
        {
            sum += components[c];
        }

        return sum;
    }
}
