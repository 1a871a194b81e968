namespace UsageAlerts.Simulator.Aggregation;

/// <summary>
/// Minute ranges [From, To) in which a project's requests fail because a hard spend limit (its own or the
/// organization's) was reached: no usage, so no cost, accrues in them. Per project index (-1: usage attributed to
/// no project, stopped only by the organization's limit), sorted, not overlapping.
/// </summary>
internal sealed class SpendStops(IReadOnlyList<(long From, long To)>[] byProject)
{
    public IReadOnlyList<(long From, long To)> For(int project) => byProject[project + 1];

    public static SpendStops? Create(int projects, IEnumerable<(int Project, long From, long To)> stops)
    {
        var lists = Enumerable.Range(0, projects + 1).Select(_ => new List<(long From, long To)>()).ToArray();
        var any = false;
        foreach (var (project, from, to) in stops.Where(s => s.To > s.From))
        {
            lists[project + 1].Add((from, to));
            any = true;
        }

        return any ? new SpendStops([.. lists.Select(Merge)]) : null;
    }

    private static IReadOnlyList<(long From, long To)> Merge(List<(long From, long To)> stops)
    {
        var merged = new List<(long From, long To)>();
        foreach (var stop in stops.OrderBy(s => s.From))
        {
            if (merged.Count > 0 && stop.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, stop.To));
            }
            else
            {
                merged.Add(stop);
            }
        }

        return merged;
    }
}
