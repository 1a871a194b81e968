namespace UsageAlerts.Simulator.Catalog;

/// <summary>A grouping dimension of a usage result; the JSON names are OpenAI's <c>group_by</c> values.</summary>
internal enum Dimension
{
    ProjectId,
    UserId,
    ApiKeyId,
    Model,
    Batch,
    ServiceTier,
    Size,
    Source,
    VectorStoreId,
    ContextLevel,
}

internal static class Dimensions
{
    public const int Count = 10;

    private static readonly string[] JsonNames =
    [
        "project_id", "user_id", "api_key_id", "model", "batch", "service_tier", "size", "source", "vector_store_id",
        "context_level",
    ];

    public static string JsonName(this Dimension dimension) => JsonNames[(int)dimension];

    public static bool TryParse(string name, out Dimension dimension)
    {
        var index = Array.IndexOf(JsonNames, name);
        dimension = (Dimension)Math.Max(index, 0);
        return index >= 0;
    }
}
