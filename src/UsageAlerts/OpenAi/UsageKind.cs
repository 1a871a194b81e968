namespace UsageAlerts.OpenAi;

/// <summary>
/// One usage endpoint (<c>/organization/usage/{kind}</c>) and the groupings it accepts.
/// </summary>
public sealed record UsageKind(string Name, IReadOnlyList<string> GroupBy, bool Optional)
{
    /// <summary>Batch and service tier are priced apart, so per-key cost estimates need them apart.</summary>
    public static readonly UsageKind Completions = new("completions", ["project_id", "model", "api_key_id", "batch", "service_tier"], false);
    public static readonly UsageKind Embeddings = new("embeddings", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind Moderations = new("moderations", ["project_id", "model", "api_key_id"], false);
    /// <summary>Images are billed per size.</summary>
    public static readonly UsageKind Images = new("images", ["project_id", "model", "api_key_id", "size"], false);
    public static readonly UsageKind AudioSpeeches = new("audio_speeches", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind AudioTranscriptions = new("audio_transcriptions", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind VectorStores = new("vector_stores", ["project_id"], false);
    public static readonly UsageKind CodeInterpreterSessions = new("code_interpreter_sessions", ["project_id"], false);

    // Newer endpoints: an organization whose API does not serve them yet answers 404, which is tolerated.
    public static readonly UsageKind FileSearchCalls = new("file_search_calls", ["project_id", "api_key_id"], true);
    public static readonly UsageKind WebSearchCalls = new("web_search_calls", ["project_id", "model", "api_key_id", "context_level"], true);

    public static IReadOnlyList<UsageKind> All { get; } =
    [
        Completions, Embeddings, Moderations, Images, AudioSpeeches, AudioTranscriptions,
        VectorStores, CodeInterpreterSessions, FileSearchCalls, WebSearchCalls,
    ];

    public static UsageKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>
    /// The kind a result's <c>object</c> names. Mapped explicitly, not by cutting the text: the two newest endpoints
    /// (<c>file_search_calls</c>, <c>web_search_calls</c>) answer with <c>organization.usage.file_searches.result</c>
    /// and <c>organization.usage.web_searches.result</c>; the endpoint's own name is accepted as well.
    /// </summary>
    public static UsageKind? FromResultObject(string? objectType) =>
        objectType is not null && ByResultObject.TryGetValue(objectType, out var kind) ? kind : null;

    private static readonly Dictionary<string, UsageKind> ByResultObject = new(StringComparer.Ordinal)
    {
        ["organization.usage.completions.result"] = Completions,
        ["organization.usage.embeddings.result"] = Embeddings,
        ["organization.usage.moderations.result"] = Moderations,
        ["organization.usage.images.result"] = Images,
        ["organization.usage.audio_speeches.result"] = AudioSpeeches,
        ["organization.usage.audio_transcriptions.result"] = AudioTranscriptions,
        ["organization.usage.vector_stores.result"] = VectorStores,
        ["organization.usage.code_interpreter_sessions.result"] = CodeInterpreterSessions,
        ["organization.usage.file_searches.result"] = FileSearchCalls,
        ["organization.usage.file_search_calls.result"] = FileSearchCalls,
        ["organization.usage.web_searches.result"] = WebSearchCalls,
        ["organization.usage.web_search_calls.result"] = WebSearchCalls,
    };
}
