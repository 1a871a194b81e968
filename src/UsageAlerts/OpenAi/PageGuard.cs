namespace UsageAlerts.OpenAi;

/// <summary>
/// Stops a paged read that would loop or silently under-count: a repeated cursor, <c>has_more</c> without a
/// cursor, an empty page that claims more, or more pages than the range can need.
/// </summary>
internal sealed class PageGuard(string endpoint, int maxPages)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pages;

    /// <summary>Returns the cursor for the next page, or null when the read is complete.</summary>
    public string? Next(bool hasMore, string? nextPage, int itemCount)
    {
        _pages++;
        if (!hasMore)
        {
            return null;
        }

        if (string.IsNullOrEmpty(nextPage))
        {
            throw Trap("has_more is true but next_page is missing");
        }

        if (itemCount == 0)
        {
            throw Trap("an empty page claims has_more");
        }

        if (!_seen.Add(nextPage))
        {
            throw Trap("next_page repeats a cursor already followed");
        }

        if (_pages >= maxPages)
        {
            throw Trap($"more than {maxPages} pages for one range");
        }

        return nextPage;
    }

    private OpenAiApiException Trap(string detail) => new(OpenAiErrorKind.Protocol, endpoint, $"paging stopped: {detail}");
}
