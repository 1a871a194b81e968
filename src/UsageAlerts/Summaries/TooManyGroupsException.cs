namespace UsageAlerts.Summaries;

/// <summary>A grouping produced more groups than <see cref="SummaryOptions.MaxGroups"/> allows.</summary>
internal sealed class TooManyGroupsException(int limit)
    : Exception($"The grouping gives more than {limit} groups; use a shorter range, a coarser period or filters.")
{
    public int Limit { get; } = limit;
}
