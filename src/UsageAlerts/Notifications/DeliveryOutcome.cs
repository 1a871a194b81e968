namespace UsageAlerts.Notifications;

internal enum DeliveryResult
{
    /// <summary>Accepted (Teams 2xx; Slack 200 with body "ok").</summary>
    Delivered,

    /// <summary>429, 408, 5xx, or no answer: keep the message and try again.</summary>
    RetryLater,

    /// <summary>The webhook is revoked, forbidden or redirects: mark the receiver broken, keep its messages, stop trying.</summary>
    ReceiverBroken,

    /// <summary>Our payload was refused (400, 413, Slack 200 without "ok"): a defect; the message is kept as dead.</summary>
    Rejected,
}

/// <summary>Reads a webhook's answer the way chat-webhooks.md documents Slack and Teams.</summary>
internal static class DeliveryOutcome
{
    public static (DeliveryResult Result, string Reason) Classify(ReceiverKind kind, WebhookResponse response)
    {
        var body = Security.SecretScrubber.Scrub(response.Body.Trim());
        return response.Status switch
        {
            >= 200 and < 300 when kind == ReceiverKind.Slack && body != "ok" => (DeliveryResult.Rejected, $"Slack answered {response.Status} '{body}' instead of 'ok'"),
            >= 200 and < 300 => (DeliveryResult.Delivered, $"HTTP {response.Status}"),
            0 => (DeliveryResult.RetryLater, $"no answer ({body})"),
            429 or 408 or >= 500 => (DeliveryResult.RetryLater, $"HTTP {response.Status} {body}"),
            401 or 403 or 404 or 410 => (DeliveryResult.ReceiverBroken, $"HTTP {response.Status} {body}: the webhook is revoked or not allowed"),
            // Redirects are not followed (they could hand the message to another host); resending cannot help.
            >= 300 and < 400 => (DeliveryResult.ReceiverBroken, $"HTTP {response.Status}: the webhook redirects, and redirects are not followed"),
            413 => (DeliveryResult.Rejected, "HTTP 413: the message is too large (a defect: messages are sized below the limit)"),
            _ => (DeliveryResult.Rejected, $"HTTP {response.Status} {body}"),
        };
    }
}
