namespace UsageAlerts.Simulator;

/// <summary>What a matching call gets instead of (or on top of) its normal answer.</summary>
public enum FaultKind
{
    /// <summary>429 <c>rate_limit_exceeded</c> with <c>Retry-After</c>; on sinks, a 429 with <c>Retry-After</c>.</summary>
    RateLimited,

    /// <summary>429 <c>insufficient_quota</c>, without <c>Retry-After</c>: not retryable.</summary>
    InsufficientQuota,

    /// <summary>401 <c>invalid_api_key</c>, whatever key was sent; on sinks, Teams 401 and Slack 403 <c>invalid_token</c>.</summary>
    Unauthorized,

    /// <summary>403 "Missing scopes: api.usage.read"; on sinks, 403 (Slack <c>invalid_token</c>).</summary>
    Forbidden,

    /// <summary>500; on Slack, <c>rollup_error</c>.</summary>
    ServerError,

    /// <summary>503; on Slack, <c>service_unavailable</c>.</summary>
    ServiceUnavailable,

    /// <summary>Waits <see cref="FaultRule.DelayMs"/> (wall clock), then answers normally.</summary>
    Slow,

    /// <summary>200 with the normal body cut in half.</summary>
    MalformedJson,

    /// <summary>200 page without <c>data</c> (usage and costs).</summary>
    MissingData,

    /// <summary>A normal page whose <c>next_page</c> is a cursor already returned (usage and costs).</summary>
    RepeatedCursor,

    /// <summary>A normal page with <c>has_more: true</c> and <c>next_page: null</c> (usage and costs).</summary>
    HasMoreWithoutCursor,

    /// <summary><c>data: []</c>, <c>has_more: true</c> and a fresh cursor on every call (usage and costs).</summary>
    EmptyPageHasMore,

    /// <summary>Sink answers 404 (Slack <c>no_service</c>): the webhook was revoked.</summary>
    SinkNotFound,

    /// <summary>Sink answers 410 (Slack <c>channel_is_archived</c>).</summary>
    SinkGone,
}
