using static UsageAlerts.Simulator.Catalog.Dimension;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>The ten usage endpoints as the OpenAPI description defines them.</summary>
internal static class UsageKinds
{
    private static readonly FilterDef ProjectIds = new("project_ids", ProjectId);
    private static readonly FilterDef UserIds = new("user_ids", UserId);
    private static readonly FilterDef ApiKeyIds = new("api_key_ids", ApiKeyId);
    private static readonly FilterDef Models = new("models", Model);
    private static readonly FilterDef[] Common = [ProjectIds, UserIds, ApiKeyIds, Models];
    private static readonly Dimension[] CommonDimensions = [ProjectId, UserId, ApiKeyId, Model];

    public static readonly UsageKind Completions = new(
        "completions",
        "organization.usage.completions.result",
        [ProjectId, UserId, ApiKeyId, Model, Batch, ServiceTier],
        [Metric("input_tokens", 0, 1, 2), Metric("output_tokens", 3, 4), Metric("num_model_requests", 5)],
        [
            Metric("input_cached_tokens", 1), Metric("input_audio_tokens", 2), Metric("output_audio_tokens", 4),
            // Newer fields: derived from the same components, so they always agree with the totals above. The
            // simulated organization writes no prompt cache, so cache writes and image tokens are zero.
            Metric("input_uncached_tokens", 0, 2), Metric("input_cache_write_tokens"), Metric("input_text_tokens", 0, 1),
            Metric("input_image_tokens"), Metric("output_text_tokens", 3), Metric("output_image_tokens"),
        ],
        ComponentCount: 6,
        CountComponent: 5,
        Common,
        HasBatchFilter: true);

    public static readonly UsageKind Embeddings = TokenKind("embeddings");

    public static readonly UsageKind Moderations = TokenKind("moderations");

    public static readonly UsageKind Images = new(
        "images",
        "organization.usage.images.result",
        [Size, Source, ProjectId, UserId, ApiKeyId, Model],
        [Metric("images", 0), Metric("num_model_requests", 1)],
        [],
        ComponentCount: 2,
        CountComponent: 1,
        [
            new("sources", Source, ["image.generation", "image.edit", "image.variation"]),
            new("sizes", Size, ["256x256", "512x512", "1024x1024", "1792x1792", "1024x1792"]),
            .. Common,
        ]);

    public static readonly UsageKind AudioSpeeches = new(
        "audio_speeches",
        "organization.usage.audio_speeches.result",
        CommonDimensions,
        [Metric("characters", 0), Metric("num_model_requests", 1)],
        [],
        ComponentCount: 2,
        CountComponent: 1,
        Common);

    public static readonly UsageKind AudioTranscriptions = new(
        "audio_transcriptions",
        "organization.usage.audio_transcriptions.result",
        CommonDimensions,
        [Metric("seconds", 0), Metric("num_model_requests", 1)],
        [],
        ComponentCount: 2,
        CountComponent: 1,
        Common);

    public static readonly UsageKind VectorStores = new(
        "vector_stores",
        "organization.usage.vector_stores.result",
        [ProjectId],
        [Metric("usage_bytes", 0)],
        [],
        ComponentCount: 1,
        CountComponent: -1,
        [ProjectIds]);

    public static readonly UsageKind CodeInterpreterSessions = new(
        "code_interpreter_sessions",
        "organization.usage.code_interpreter_sessions.result",
        [ProjectId],
        [Metric("num_sessions", 0)],
        [],
        ComponentCount: 1,
        CountComponent: 0,
        [ProjectIds]);

    // The OpenAPI description names these results file_searches / web_searches, not after the route.
    public static readonly UsageKind FileSearchCalls = new(
        "file_search_calls",
        "organization.usage.file_searches.result",
        [ProjectId, UserId, ApiKeyId, VectorStoreId],
        [Metric("num_requests", 0)],
        [],
        ComponentCount: 1,
        CountComponent: 0,
        [ProjectIds, UserIds, ApiKeyIds, new("vector_store_ids", VectorStoreId)]);

    public static readonly UsageKind WebSearchCalls = new(
        "web_search_calls",
        "organization.usage.web_searches.result",
        [ProjectId, UserId, ApiKeyId, Model, ContextLevel],
        [Metric("num_model_requests", 0), Metric("num_requests", 1)],
        [],
        ComponentCount: 2,
        CountComponent: 0,
        [.. Common, new("context_levels", ContextLevel, ["low", "medium", "high"])]);

    public static readonly IReadOnlyList<UsageKind> All =
    [
        Completions, Embeddings, Moderations, Images, AudioSpeeches, AudioTranscriptions, VectorStores,
        CodeInterpreterSessions, FileSearchCalls, WebSearchCalls,
    ];

    public static UsageKind? Find(string name) => All.FirstOrDefault(kind => kind.Name == name);

    private static UsageKind TokenKind(string name) => new(
        name,
        $"organization.usage.{name}.result",
        CommonDimensions,
        [Metric("input_tokens", 0), Metric("num_model_requests", 1)],
        [],
        ComponentCount: 2,
        CountComponent: 1,
        Common);

    private static MetricDef Metric(string name, params int[] components) => new(name, components);
}
