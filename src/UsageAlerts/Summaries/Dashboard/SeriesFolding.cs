using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// Keeps the largest series of a chart and folds the rest into one grey "other", so a chart never shows more colours
/// than a reader can tell apart.
/// </summary>
internal static class SeriesFolding
{
    public const string OtherName = "other";

    /// <summary>
    /// Builds series from (category index, series key, value) cells: the top <paramref name="max"/> - 1 keys by total
    /// keep their own series (all of them when they fit), the rest share "other".
    /// </summary>
    public static IReadOnlyList<ChartSeries> Fold(
        int categories,
        IEnumerable<(int Category, string? Key, double Value)> cells,
        int max,
        Func<string?, string> label,
        Func<string?, int, string> color)
    {
        var byKey = new Dictionary<string, (string? Key, double[] Values)>(StringComparer.Ordinal);
        foreach (var (category, key, value) in cells)
        {
            var id = key ?? "\0";
            if (!byKey.TryGetValue(id, out var series))
            {
                byKey[id] = series = (key, new double[categories]);
            }

            series.Values[category] += value;
        }

        var ranked = byKey.Values.OrderByDescending(s => s.Values.Sum()).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        var keep = ranked.Count <= max ? ranked.Count : max - 1;
        var result = ranked.Take(keep).Select((s, rank) => new ChartSeries(label(s.Key), color(s.Key, rank), s.Values)).ToList();
        if (ranked.Count > keep)
        {
            var other = new double[categories];
            foreach (var series in ranked.Skip(keep))
            {
                for (var i = 0; i < categories; i++)
                {
                    other[i] += series.Values[i];
                }
            }

            result.Add(new ChartSeries($"{OtherName} ({ranked.Count - keep})", Palette.Other, other));
        }

        return result;
    }
}
