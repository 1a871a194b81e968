using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>Robust baselines: the median ignores the odd heavy day that an average would be dragged up by.</summary>
internal static class SpikeMath
{
    /// <summary>The value above which a bucket is a spike, given its baseline.</summary>
    public static decimal Threshold(IReadOnlyList<decimal> baseline, SpikeMethod method, decimal factor)
    {
        var median = Median(baseline);
        if (method == SpikeMethod.Median)
        {
            return factor * median;
        }

        var mad = Median([.. baseline.Select(v => Math.Abs(v - median))]);
        // 1.4826 scales the MAD to a standard deviation for normally distributed data.
        return median + (factor * 1.4826m * mad);
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
