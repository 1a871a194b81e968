using Microsoft.Extensions.Logging;

namespace UsageAlerts.Alerts.Enforcement;

/// <summary>Every change to OpenAI's hard limits, and every one not made, is logged; amounts only, never keys.</summary>
internal static partial class EnforcementLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Budget {Budget}: set the hard spend limit of {Scope} at OpenAI from {FromUsd} to {ToUsd} USD")]
    public static partial void Changed(ILogger logger, string budget, string scope, string fromUsd, decimal toUsd);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Budget {Budget} (dry run): would set the hard spend limit of {Scope} from {FromUsd} to {ToUsd} USD")]
    public static partial void WouldChange(ILogger logger, string budget, string scope, string fromUsd, decimal toUsd);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Budget {Budget}: not enforced on {Scope}: {Reason}")]
    public static partial void NotEnforced(ILogger logger, string budget, string scope, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Budget {Budget}: changing the hard spend limit of {Scope} failed ({Kind}): {Error}")]
    public static partial void Failed(ILogger logger, string budget, string scope, string kind, string error);
}
