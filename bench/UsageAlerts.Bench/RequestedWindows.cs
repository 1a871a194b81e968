using System.Globalization;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;

namespace UsageAlerts.Bench;

/// <summary>
/// Notes the window of every usage and costs query the admin client starts (its first page, the one without a
/// cursor), so the fewest pages can be worked out from what was really asked for.
/// </summary>
internal sealed class RequestedWindows
{
    private const string ApiPrefix = "organization/";

    private readonly ConcurrentQueue<RequestedWindow> _windows = new();

    /// <summary>A handler for the admin client's pipeline; a new one per pipeline, as the HTTP client factory requires.</summary>
    public DelegatingHandler CreateHandler() => new Recorder(this);

    /// <summary>The windows since the last call; starts afresh.</summary>
    public IReadOnlyList<RequestedWindow> TakeRound()
    {
        var round = new List<RequestedWindow>();
        while (_windows.TryDequeue(out var window))
        {
            round.Add(window);
        }

        return round;
    }

    private void Note(Uri uri)
    {
        var path = uri.AbsolutePath;
        var route = path[(path.IndexOf(ApiPrefix, StringComparison.Ordinal) + ApiPrefix.Length)..];
        var query = QueryHelpers.ParseQuery(uri.Query);
        if (query.ContainsKey("page") || !query.TryGetValue("start_time", out var start))
        {
            return;
        }

        var end = query.TryGetValue("end_time", out var e) ? long.Parse(e!, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var width = query.TryGetValue("bucket_width", out var w) ? w.ToString() : "1d";
        _windows.Enqueue(new RequestedWindow(route, width, long.Parse(start!, CultureInfo.InvariantCulture), end));
    }

    private sealed class Recorder(RequestedWindows windows) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            windows.Note(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>One query's window in Unix seconds: route as the simulator names it (<c>usage/completions</c>, <c>costs</c>) and bucket width.</summary>
internal sealed record RequestedWindow(string Route, string Width, long Start, long End);
