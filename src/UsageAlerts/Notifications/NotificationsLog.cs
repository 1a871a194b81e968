using Microsoft.Extensions.Logging;

namespace UsageAlerts.Notifications;

/// <summary>Receiver names and reasons only: a webhook URL is a credential and never reaches a log.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Delivered message {MessageId} to {Receiver}")]
    public static partial void Delivered(ILogger logger, string messageId, string receiver);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Message {MessageId} to {Receiver} stays pending: {Reason}")]
    public static partial void RetryLater(ILogger logger, string messageId, string receiver, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Receiver {Receiver} is broken: {Reason}; its messages are kept until it is fixed")]
    public static partial void ReceiverBroken(ILogger logger, string receiver, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Message {MessageId} to {Receiver} was refused: {Reason}")]
    public static partial void Rejected(ILogger logger, string messageId, string receiver, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Evaluation: {Observations} observations, {Changes} state changes, {Messages} messages enqueued")]
    public static partial void Evaluated(ILogger logger, int observations, int changes, int messages);
}
