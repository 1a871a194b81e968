namespace UsageAlerts.Simulator.Aggregation;

/// <summary>
/// What is visible at one moment: minutes that have fully elapsed, and the revision applied to recent hours.
/// Captured once per request so that a request sees one consistent state even if the clock moves meanwhile.
/// </summary>
internal readonly record struct DataWindow(long NowMinute, long RevisionStartHour, int RevisionEpoch, SpendStops? Stops = null)
{
    public int EpochAt(long hour) => hour >= RevisionStartHour ? RevisionEpoch : 0;

    /// <summary>OpenAI revises recent buckets upwards; each epoch adds 5 % to the revised hours.</summary>
    public static long Revise(long value, int epoch) => epoch == 0 ? value : value * (100 + 5L * epoch) / 100;
}
