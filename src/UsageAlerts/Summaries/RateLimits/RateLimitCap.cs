namespace UsageAlerts.Summaries.RateLimits;

/// <summary>A project's configured per-minute caps for one model, as mirrored in the catalog.</summary>
internal sealed record RateLimitCap(string ProjectId, string Model, long? MaxRequestsPerMinute, long? MaxTokensPerMinute);
