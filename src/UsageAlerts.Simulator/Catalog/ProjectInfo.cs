namespace UsageAlerts.Simulator.Catalog;

/// <summary>A generated project with its members, keys and traffic weight.</summary>
internal sealed record ProjectInfo(
    int Index,
    string Id,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ArchivedAt,
    double Weight,
    int UtcOffsetHours,
    IReadOnlyList<string> ApiKeyIds,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<string> VectorStoreIds)
{
    public long? ArchivedHour { get; } = ArchivedAt?.ToUnixTimeSeconds() / 3600;

    /// <summary>The last key of a project with several keys is a service account's: its usage has no user.</summary>
    public string? UserFor(int keyIndex, int userIndex) =>
        ApiKeyIds.Count > 1 && keyIndex == ApiKeyIds.Count - 1 ? null : UserIds[userIndex % UserIds.Count];
}
