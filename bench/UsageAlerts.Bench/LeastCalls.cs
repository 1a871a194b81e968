namespace UsageAlerts.Bench;

/// <summary>
/// The fewest admin API calls that could read what a round read, at the largest page each endpoint accepts
/// (shared/docs/openai-admin-api.md, not the app's own constants): per stream, the buckets of the window it asked
/// for over the page limit of its width; the project list in pages of 100; each active project's rate limits in
/// pages of 100; OpenAI's spend controls, one call each for the organization's hard limit and spend alerts and for
/// each active project's (a scope's alerts are a handful, one page).
/// </summary>
internal static class LeastCalls
{
    private const int MaxListPage = 100;

    public static Dictionary<string, int> ByRoute(IReadOnlyList<RequestedWindow> windows, Catalog catalog)
    {
        // A stream is one route at one width; a window read in parts (costs around the API-key cut-off) counts as one.
        var least = windows.GroupBy(w => (w.Route, w.Width))
            .Select(stream => (stream.Key.Route, Pages: Pages(stream.Key.Route, stream.Key.Width, stream.Min(w => w.Start), stream.Max(w => w.End))))
            .GroupBy(s => s.Route)
            .ToDictionary(r => r.Key, r => r.Sum(s => s.Pages), StringComparer.Ordinal);
        least["projects"] = ListPages(catalog.Projects);
        least["rate_limits"] = catalog.ActiveProjectLimits.Sum(ListPages);
        least["spend_limit"] = 1;
        least["spend_alerts"] = 1;
        least["project_spend_limit"] = catalog.ActiveProjectLimits.Count;
        least["project_spend_alerts"] = catalog.ActiveProjectLimits.Count;
        return least;
    }

    private static int Pages(string route, string width, long start, long end)
    {
        var (seconds, limit) = (route, width) switch
        {
            ("costs", _) => (86_400L, 180),
            (_, "1m") => (60L, 1440),
            (_, "1h") => (3_600L, 168),
            _ => (86_400L, 31),
        };
        // Buckets align to the width, except a first bucket that starts mid-width.
        var buckets = (end - (start - (start % seconds)) + seconds - 1) / seconds;
        return (int)((buckets + limit - 1) / limit);
    }

    /// <summary>An empty list still takes one call to learn that it is empty.</summary>
    private static int ListPages(int items) => (Math.Max(1, items) + MaxListPage - 1) / MaxListPage;

    /// <summary>What the organization's project list holds (archived included, as the app asks), and each active project's number of rate limits.</summary>
    internal sealed record Catalog(int Projects, IReadOnlyList<int> ActiveProjectLimits);
}
