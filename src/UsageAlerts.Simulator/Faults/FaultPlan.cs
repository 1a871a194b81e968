namespace UsageAlerts.Simulator;

/// <summary>
/// The faults in force. Each rule counts the calls it matches on its own, so "the 2nd costs call" means the
/// second costs call since that rule was added. When several rules fire on one call, the first added wins.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int[] Seen)> _rules = [];

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules.Select(r => r.Rule)];
            }
        }
    }

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_gate)
        {
            _rules.Add((rule, [0]));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Counts a call of <paramref name="route"/> against every matching rule; returns the fault to apply.</summary>
    internal FaultRule? Next(string route)
    {
        FaultRule? chosen = null;
        lock (_gate)
        {
            foreach (var (rule, seen) in _rules)
            {
                if (!rule.AppliesTo(route))
                {
                    continue;
                }

                var call = ++seen[0];
                var fires = rule.OnCall is not { } first || (call >= first && call < first + rule.Times);
                if (fires && chosen is null)
                {
                    chosen = rule;
                }
            }
        }

        return chosen;
    }
}
