namespace UsageAlerts.Summaries;

/// <summary>
/// A fixed summary column (CSV header, JSON <c>metrics</c> key) computed from stored usage metrics: the sum of
/// <see cref="Metric"/> over <see cref="Kinds"/> (all endpoints when null).
/// </summary>
internal sealed record HeadlineMetric(string Column, string Metric, IReadOnlyList<string>? Kinds = null)
{
    /// <summary>Endpoints whose <c>num_model_requests</c> are model requests of their own (web search's are not).</summary>
    public static IReadOnlyList<string> ModelEndpoints { get; } = ["completions", "embeddings", "moderations", "images", "audio_speeches", "audio_transcriptions"];

    public static HeadlineMetric InputTokens { get; } = new("input_tokens", "input_tokens");

    public static HeadlineMetric OutputTokens { get; } = new("output_tokens", "output_tokens");

    public static HeadlineMetric ModelRequests { get; } = new("model_requests", "num_model_requests", ModelEndpoints);

    /// <summary>In column order; the names are a contract with CSV users, so only ever append.</summary>
    public static IReadOnlyList<HeadlineMetric> All { get; } =
    [
        InputTokens,
        OutputTokens,
        new("input_cached_tokens", "input_cached_tokens"),
        new("input_audio_tokens", "input_audio_tokens"),
        new("output_audio_tokens", "output_audio_tokens"),
        ModelRequests,
        new("images", "images", ["images"]),
        new("audio_characters", "characters", ["audio_speeches"]),
        new("audio_seconds", "seconds", ["audio_transcriptions"]),
        new("vector_store_bytes", "usage_bytes", ["vector_stores"]),
        new("code_interpreter_sessions", "num_sessions", ["code_interpreter_sessions"]),
        new("file_search_calls", "num_requests", ["file_search_calls"]),
        new("web_search_calls", "num_requests", ["web_search_calls"]),
        // Newer completions fields; cache writes are billed apart, so they matter to whoever reads the bill.
        new("input_cache_write_tokens", "input_cache_write_tokens", ["completions"]),
        new("input_uncached_tokens", "input_uncached_tokens", ["completions"]),
        new("input_image_tokens", "input_image_tokens", ["completions"]),
        new("output_image_tokens", "output_image_tokens", ["completions"]),
    ];

    /// <summary>
    /// Stored bytes are a level, not a flow: adding days would give byte-days. A group reports the peak of its daily
    /// totals instead.
    /// </summary>
    public static bool IsLevel(string kind, string metric) => HasLevels(kind) && metric == "usage_bytes";

    /// <summary>Whether an endpoint reports a level; its rows cannot be summed into coarser periods ahead of time.</summary>
    public static bool HasLevels(string kind) => kind == "vector_stores";

    public bool Covers(string kind) => Kinds is null || Kinds.Contains(kind);
}
