using Microsoft.Extensions.Logging;

namespace UsageAlerts.Summaries;

internal static partial class SummariesLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Route} {From}..{To} read {Rows} rows into {Groups} groups in {ElapsedMs} ms")]
    public static partial void Served(ILogger logger, string route, string from, string to, long rows, int groups, long elapsedMs);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "rate-limits over {Minutes} minutes read {Rows} rows into {Groups} project/model rows in {ElapsedMs} ms")]
    public static partial void HeadroomServed(ILogger logger, int minutes, long rows, int groups, long elapsedMs);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "dashboard over {Days} days read {Rows} rows in {ElapsedMs} ms")]
    public static partial void DashboardServed(ILogger logger, int days, long rows, long elapsedMs);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "{Route} rejected parameter {Parameter}: {Problem}")]
    public static partial void Rejected(ILogger logger, string route, string parameter, string problem);
}
