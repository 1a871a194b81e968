using Microsoft.Extensions.Logging;

namespace UsageAlerts.Ingestion;

internal static partial class IngestionLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Stream {Stream}: {Rows} rows written, {Unchanged} unchanged, {Deleted} stale rows deleted, {Pages} pages, {Transactions} table transactions")]
    public static partial void StreamPolled(ILogger logger, string stream, long rows, long unchanged, long deleted, int pages, int transactions);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "The days a poll stored could not be marked for pricing ({Error}); its streams keep their watermarks and read the days again")]
    public static partial void PricingMarksFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Stream {Stream} failed ({Kind}): {Error}")]
    public static partial void StreamFailed(ILogger logger, string stream, string kind, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Stream {Stream} is not offered by this organization's API (404); skipped")]
    public static partial void StreamUnavailable(ILogger logger, string stream);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "The admin key was rejected, has no quota or watches another organization ({Kind}); monitoring is blind until it is fixed")]
    public static partial void Blind(ILogger logger, string kind);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Catalog: {Projects} projects, {RateLimits} rate limits")]
    public static partial void CatalogPolled(ILogger logger, int projects, int rateLimits);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Spend controls: {Scopes} scopes read, {Limits} hard limits set, {Unreadable} not readable with this key (403)")]
    public static partial void SpendControlsPolled(ILogger logger, int scopes, int limits, int unreadable);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Stream {Stream}: OpenAI refused group_by={Dropped}; reading without it until {RetryAt:u}")]
    public static partial void GroupingRefused(ILogger logger, string stream, string dropped, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Cleanup removed {Rows} expired rows from {Stream}")]
    public static partial void Expired(ILogger logger, string stream, long rows);
}
