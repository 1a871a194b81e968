namespace UsageAlerts.Storage;

/// <summary>What a summary can be grouped and filtered by. Periods are UTC; weeks are ISO weeks (Monday first).</summary>
internal enum Dimension
{
    Day,
    Week,
    Month,
    Project,
    Model,
    LineItem,
    ApiKey,
}

/// <summary>The public names of <see cref="Dimension"/> (query parameters, JSON keys, CSV columns).</summary>
internal static class Dimensions
{
    private static readonly Dictionary<string, Dimension> ByName = new(StringComparer.Ordinal)
    {
        ["day"] = Dimension.Day,
        ["week"] = Dimension.Week,
        ["month"] = Dimension.Month,
        ["project"] = Dimension.Project,
        ["model"] = Dimension.Model,
        ["line_item"] = Dimension.LineItem,
        ["api_key"] = Dimension.ApiKey,
    };

    /// <summary>The filterable dimensions, each a repeatable query parameter of the same name.</summary>
    public static IReadOnlyList<Dimension> Filterable { get; } = [Dimension.Project, Dimension.Model, Dimension.LineItem, Dimension.ApiKey];

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out Dimension dimension) => ByName.TryGetValue(name.Trim().ToLowerInvariant(), out dimension);

    public static string Name(this Dimension dimension) => dimension switch
    {
        Dimension.Day => "day",
        Dimension.Week => "week",
        Dimension.Month => "month",
        Dimension.Project => "project",
        Dimension.Model => "model",
        Dimension.LineItem => "line_item",
        Dimension.ApiKey => "api_key",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public static bool IsPeriod(this Dimension dimension) => dimension is Dimension.Day or Dimension.Week or Dimension.Month;
}
