namespace UsageAlerts.Storage;

/// <summary>
/// Filters of a summary: for each filterable dimension, the values a row must have one of (no entry = any).
/// Usage has no line item, so a line-item filter keeps costs only; a model filter matches costs by the model
/// read from their line item.
/// </summary>
internal sealed class SummaryFilter(IReadOnlyDictionary<Dimension, IReadOnlySet<string>> values)
{
    public static SummaryFilter None { get; } = new(new Dictionary<Dimension, IReadOnlySet<string>>());

    public IReadOnlyDictionary<Dimension, IReadOnlySet<string>> Values => values;

    public bool ExcludesUsage => values.ContainsKey(Dimension.LineItem);

    public IReadOnlySet<string>? For(Dimension dimension) => values.GetValueOrDefault(dimension);

    public bool Matches(UsageRecord row) =>
        !ExcludesUsage
        && Allows(Dimension.Project, row.ProjectId)
        && Allows(Dimension.Model, row.Model)
        && Allows(Dimension.ApiKey, row.ApiKeyId);

    public bool Matches(CostRecord row) =>
        Allows(Dimension.Project, row.ProjectId)
        && Allows(Dimension.Model, row.Model)
        && Allows(Dimension.LineItem, row.LineItem)
        && Allows(Dimension.ApiKey, row.ApiKeyId);

    private bool Allows(Dimension dimension, string? value) =>
        !values.TryGetValue(dimension, out var allowed) || (value is not null && allowed.Contains(value));
}
