namespace UsageAlerts.Simulator;

/// <summary>A project as <c>GET /v1/organization/projects</c> lists it.</summary>
public sealed record SimProject(string Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt);

/// <summary>A configured per-model cap of a project, as <c>GET …/rate_limits</c> lists it.</summary>
public sealed record SimRateLimit(
    string Id,
    string Model,
    long MaxRequestsPer1Minute,
    long MaxTokensPer1Minute,
    long? MaxImagesPer1Minute = null,
    long? MaxAudioMegabytesPer1Minute = null,
    long? MaxRequestsPer1Day = null,
    long? Batch1DayMaxInputTokens = null);

/// <summary>
/// Usage of one finest group over a range. Dimensions the kind does not have are null; <see cref="Metrics"/> are
/// named exactly like the JSON fields of the kind's results.
/// </summary>
public sealed record SimUsageRow(
    string Kind,
    string? ProjectId,
    string? UserId,
    string? ApiKeyId,
    string? Model,
    bool? Batch,
    string? ServiceTier,
    string? Size,
    string? Source,
    string? VectorStoreId,
    string? ContextLevel,
    IReadOnlyDictionary<string, long> Metrics)
{
    /// <summary>The value of a dimension by its <c>group_by</c> name, as the API would print it.</summary>
    public string? GetDimension(string groupBy) => groupBy switch
    {
        "project_id" => ProjectId,
        "user_id" => UserId,
        "api_key_id" => ApiKeyId,
        "model" => Model,
        "batch" => Batch switch { true => "true", false => "false", null => null },
        "service_tier" => ServiceTier,
        "size" => Size,
        "source" => Source,
        "vector_store_id" => VectorStoreId,
        "context_level" => ContextLevel,
        _ => throw new ArgumentException($"Unknown group_by value '{groupBy}'.", nameof(groupBy)),
    };
}

/// <summary>Cost of one (project, line item, API key) over a range; <see cref="AmountUsd"/> is exact.</summary>
public sealed record SimCostRow(string? ProjectId, string LineItem, string? ApiKeyId, decimal AmountUsd, long Quantity, string? QuantityUnit);

/// <summary>
/// The shaped situations in the data, anchored at the moment the organization was created: a monthly budget
/// overrun, yesterday's spend spike, and a model running near its tokens-per-minute cap in the last hour.
/// </summary>
public sealed record SimScenarios(
    bool Enabled,
    string OverrunProjectId,
    string OverrunProjectName,
    decimal OverrunBudgetUsd,
    DateTimeOffset OverrunMonthStart,
    string SpikeProjectId,
    string SpikeProjectName,
    DateTimeOffset SpikeDay,
    double SpikeFactor,
    string NearCapProjectId,
    string NearCapProjectName,
    string NearCapModel,
    long NearCapTokensPerMinute,
    DateTimeOffset NearCapWindowStart,
    DateTimeOffset NearCapWindowEnd);

/// <summary>A hard spend limit in cents; <see cref="ReachedAt"/> is set (and the limit enforcing) once this month's spend reached it.</summary>
public sealed record SimSpendLimit(long ThresholdCents, DateTimeOffset? ReachedAt)
{
    public bool Enforcing => ReachedAt is not null;
}

/// <summary>A monthly spend alert e-mailed to <see cref="Recipients"/> when spend reaches the threshold (cents).</summary>
public sealed record SimSpendAlert(string Id, long ThresholdCents, IReadOnlyList<string> Recipients, string? SubjectPrefix);
