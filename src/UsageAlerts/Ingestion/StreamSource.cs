namespace UsageAlerts.Ingestion;

/// <summary>Which job polls a stream; health uses the job's schedule to judge freshness.</summary>
internal enum StreamSource
{
    Usage,
    RecentUsage,
    Costs,
    Projects,
}
