using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Organization;

/// <summary>
/// Hard spend limits and spend alerts of the organization and its projects, and what the limits enforce. Month-to-date
/// spend is scanned forward as time passes (days, then hours, then minutes); the minute it reaches a limit, the limit is enforcing and the scope's
/// requests fail from the next minute to the end of the month, so usage stops accruing there (the crossing minute's
/// own usage still counts, as a request in flight would). Raising or deleting the limit ends the stop at that
/// minute. The organization's limit is judged on spend after the projects' own stops and stops every project.
/// </summary>
internal sealed class SpendBook
{
    private static readonly int[] ScanSteps = [(int)Timeline.MinutesPerDay, 60, 1];

    private readonly Lock _gate = new();
    private readonly OrgCatalog _catalog;
    private readonly Func<IReadOnlyList<MinuteRange>, UsageFilter, DataWindow, decimal[]> _cost;
    private readonly Dictionary<int, Limit> _projectLimits = [];
    private readonly List<(int? Project, long From, long To)> _closed = [];
    private readonly Dictionary<string, List<SimSpendAlert>> _alerts = new(StringComparer.Ordinal);
    private Limit? _organizationLimit;
    private int _alertNumber;

    public SpendBook(OrgCatalog catalog, Func<IReadOnlyList<MinuteRange>, UsageFilter, DataWindow, decimal[]> cost)
    {
        _catalog = catalog;
        _cost = cost;
    }

    public SimSpendLimit? GetLimit(int? project)
    {
        lock (_gate)
        {
            return Find(project) is { } limit ? new SimSpendLimit(limit.Cents, limit.ReachedAt is { } at ? DateTimeOffset.FromUnixTimeSeconds(at * 60) : null) : null;
        }
    }

    public void SetLimit(int? project, long cents, long nowMinute)
    {
        lock (_gate)
        {
            Close(project, nowMinute);
            var limit = new Limit(cents, nowMinute);
            if (project is { } p)
            {
                _projectLimits[p] = limit;
            }
            else
            {
                _organizationLimit = limit;
            }
        }
    }

    public bool DeleteLimit(int? project, long nowMinute)
    {
        lock (_gate)
        {
            var existed = Find(project) is not null;
            Close(project, nowMinute);
            if (project is { } p)
            {
                _projectLimits.Remove(p);
            }
            else
            {
                _organizationLimit = null;
            }

            return existed;
        }
    }

    public IReadOnlyList<SimSpendAlert> Alerts(int? project)
    {
        lock (_gate)
        {
            return [.. _alerts.GetValueOrDefault(Scope(project)) ?? []];
        }
    }

    public SimSpendAlert SaveAlert(int? project, string? id, long cents, IReadOnlyList<string> recipients, string? subjectPrefix)
    {
        lock (_gate)
        {
            var list = _alerts.TryGetValue(Scope(project), out var existing) ? existing : _alerts[Scope(project)] = [];
            var alert = new SimSpendAlert(id ?? $"spend_alert_{++_alertNumber:D4}", cents, recipients, subjectPrefix);
            var index = list.FindIndex(a => a.Id == alert.Id);
            if (index >= 0)
            {
                list[index] = alert;
            }
            else
            {
                list.Add(alert);
            }

            return alert;
        }
    }

    public bool DeleteAlert(int? project, string id)
    {
        lock (_gate)
        {
            return _alerts.TryGetValue(Scope(project), out var list) && list.RemoveAll(a => a.Id == id) > 0;
        }
    }

    /// <summary>Advances every limit's month-to-date spend to the window's "now" and returns the stops in force.</summary>
    public SpendStops? Stops(DataWindow window)
    {
        lock (_gate)
        {
            var now = window.NowMinute;
            var monthStart = Timeline.MinuteOf(MonthStart(now));
            foreach (var (project, limit) in Limits().ToList())
            {
                if (limit.ReachedAt is { } reached && reached < monthStart)
                {
                    // A new month lifts last month's stop.
                    _closed.Add((project, reached, Math.Max(reached, MonthEndMinute(reached))));
                    limit.ReachedAt = null;
                }
            }

            var closed = Expand(_closed).ToList();
            foreach (var (project, limit) in _projectLimits)
            {
                var filter = new UsageFilter(new Dictionary<Dimension, IReadOnlySet<string>> { [Dimension.ProjectId] = new HashSet<string> { _catalog.Projects[project].Id } });
                Advance(limit, filter, window with { Stops = SpendStops.Create(_catalog.Projects.Count, closed) }, monthStart);
            }

            var withProjects = closed.Concat(Open(_projectLimits.Select(p => ((int?)p.Key, p.Value)))).ToList();
            if (_organizationLimit is { } organization)
            {
                Advance(organization, UsageFilter.None, window with { Stops = SpendStops.Create(_catalog.Projects.Count, withProjects) }, monthStart);
            }

            return SpendStops.Create(_catalog.Projects.Count, withProjects.Concat(Open(Limits().Where(l => l.Project is null))));
        }
    }

    private static DateTimeOffset MonthStart(long minute)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(minute * 60);
        return new DateTimeOffset(time.Year, time.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static long MonthEndMinute(long minute) => Timeline.MinuteOf(MonthStart(minute).AddMonths(1));

    private static string Scope(int? project) => project?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "organization";

    private Limit? Find(int? project) => project is { } p ? _projectLimits.GetValueOrDefault(p) : _organizationLimit;

    private IEnumerable<(int? Project, Limit Limit)> Limits() =>
        _projectLimits.Select(p => ((int?)p.Key, p.Value)).Concat(_organizationLimit is { } o ? [((int?)null, o)] : []);

    private IEnumerable<(int Project, long From, long To)> Open(IEnumerable<(int? Project, Limit Limit)> limits) =>
        Expand(limits.Where(l => l.Limit.ReachedAt is not null).Select(l => (l.Project, l.Limit.ReachedAt!.Value, MonthEndMinute(l.Limit.ReachedAt!.Value))));

    /// <summary>An organization stop (null project) stops every project and usage attributed to none (-1).</summary>
    private IEnumerable<(int Project, long From, long To)> Expand(IEnumerable<(int? Project, long From, long To)> stops) =>
        stops.SelectMany(s => s.Project is { } project
            ? [(project, s.From, s.To)]
            : Enumerable.Range(-1, _catalog.Projects.Count + 1).Select(p => (p, s.From, s.To)));

    private void Close(int? project, long nowMinute)
    {
        if (Find(project) is { ReachedAt: { } reached })
        {
            _closed.Add((project, reached, Math.Min(nowMinute, MonthEndMinute(reached))));
        }
    }

    /// <summary>Adds the spend since the last scan; a limit reached inside it is enforcing from the next minute.</summary>
    private void Advance(Limit limit, UsageFilter filter, DataWindow window, long monthStart)
    {
        if (limit.ReachedAt is not null)
        {
            return;
        }

        if (limit.ScanMonthStart != monthStart || limit.Epoch != window.RevisionEpoch)
        {
            (limit.ScanMonthStart, limit.Epoch, limit.ScannedThrough, limit.SpentUsd) = (monthStart, window.RevisionEpoch, monthStart, 0m);
        }

        if (Scan(limit, filter, window, limit.ScannedThrough, window.NowMinute, 0) is { } reached)
        {
            limit.ReachedAt = Math.Max(reached, limit.SetAt);
        }
    }

    /// <summary>
    /// Whole UTC days first (the aggregation's cached fast path), then the hours of the day that reaches the limit,
    /// then its minutes; returns the end of the minute that reached it, or null.
    /// </summary>
    private long? Scan(Limit limit, UsageFilter filter, DataWindow window, long from, long to, int level)
    {
        var ranges = Split(from, to, ScanSteps[level]);
        var costs = ranges.Count == 0 ? [] : _cost(ranges, filter, window);
        var threshold = limit.Cents / 100m;
        for (var i = 0; i < ranges.Count; i++)
        {
            if (limit.SpentUsd + costs[i] >= threshold)
            {
                if (level == ScanSteps.Length - 1)
                {
                    limit.SpentUsd += costs[i];
                    return ranges[i].To;
                }

                if (Scan(limit, filter, window, ranges[i].From, ranges[i].To, level + 1) is { } reached)
                {
                    return reached;
                }

                continue;
            }

            limit.SpentUsd += costs[i];
            limit.ScannedThrough = ranges[i].To;
        }

        return null;
    }

    private static List<MinuteRange> Split(long from, long to, int step)
    {
        var ranges = new List<MinuteRange>();
        for (var start = from; start < to;)
        {
            var end = Math.Min(to, ((start / step) + 1) * step);
            ranges.Add(new MinuteRange(start, end));
            start = end;
        }

        return ranges;
    }

    private sealed class Limit(long cents, long setAt)
    {
        public long Cents => cents;

        public long SetAt => setAt;

        public long? ReachedAt { get; set; }

        public long ScanMonthStart { get; set; } = -1;

        public int Epoch { get; set; }

        public long ScannedThrough { get; set; }

        public decimal SpentUsd { get; set; }
    }
}
