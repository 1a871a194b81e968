namespace UsageAlerts.Summaries;

internal enum SummaryFormat
{
    Json,
    Csv,
}
