using Microsoft.Extensions.Logging;

namespace UsageAlerts.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Month pack {Partition} built from {Rows} rows, {Groups} groups")]
    public static partial void RollupBuilt(ILogger logger, string partition, long rows, int groups);
}
