namespace UsageAlerts.Summaries.Charts;

/// <summary>
/// Series colours (Tableau 10, readable on white and for most colour-blind readers); "other" is always grey, so it
/// never looks like a real series.
/// </summary>
internal static class Palette
{
    public const string Other = "#9aa0a6";

    private static readonly string[] Colors =
    [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#499894",
    ];

    public static string At(int index) => Colors[index % Colors.Length];
}
