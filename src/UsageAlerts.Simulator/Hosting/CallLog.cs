using System.Collections.Concurrent;

namespace UsageAlerts.Simulator;

/// <summary>
/// Calls received per route ("usage/completions", "costs", "projects", "rate_limits", "sink/teams", "sink/slack"),
/// counted before faults and authentication, so a rejected or faulted call counts too.
/// </summary>
public sealed class CallLog
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int Count(string route) => _counts.GetValueOrDefault(route);

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Clear()
    {
        _counts.Clear();
        Volatile.Write(ref _total, 0);
    }

    internal void Record(string route)
    {
        _counts.AddOrUpdate(route, 1, (_, count) => count + 1);
        Interlocked.Increment(ref _total);
    }
}
