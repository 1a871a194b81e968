namespace UsageAlerts.OpenAi;

/// <summary>
/// One usage endpoint (<c>/organization/usage/{kind}</c>) and the groupings it accepts.
/// </summary>
public sealed record UsageKind(string Name, IReadOnlyList<string> GroupBy, bool Optional)
{
    public static readonly UsageKind Completions = new("completions", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind Embeddings = new("embeddings", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind Moderations = new("moderations", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind Images = new("images", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind AudioSpeeches = new("audio_speeches", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind AudioTranscriptions = new("audio_transcriptions", ["project_id", "model", "api_key_id"], false);
    public static readonly UsageKind VectorStores = new("vector_stores", ["project_id"], false);
    public static readonly UsageKind CodeInterpreterSessions = new("code_interpreter_sessions", ["project_id"], false);

    // Newer endpoints: an organization whose API does not serve them yet answers 404, which is tolerated.
    public static readonly UsageKind FileSearchCalls = new("file_search_calls", ["project_id", "api_key_id"], true);
    public static readonly UsageKind WebSearchCalls = new("web_search_calls", ["project_id", "model", "api_key_id"], true);

    public static IReadOnlyList<UsageKind> All { get; } =
    [
        Completions, Embeddings, Moderations, Images, AudioSpeeches, AudioTranscriptions,
        VectorStores, CodeInterpreterSessions, FileSearchCalls, WebSearchCalls,
    ];

    public static UsageKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Maps a result's <c>object</c> (e.g. <c>organization.usage.completions.result</c>) to its kind name.</summary>
    public static string? NameFromObject(string? objectType)
    {
        const string prefix = "organization.usage.";
        const string suffix = ".result";
        if (objectType is null || !objectType.StartsWith(prefix, StringComparison.Ordinal) || !objectType.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        return objectType[prefix.Length..^suffix.Length];
    }
}
