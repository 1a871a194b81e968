using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// Draws each cycle's faults from a seeded random source, so a failing soak can be run again exactly
/// (<c>--seed</c>). API faults hold for the whole fault window, long enough for a poll to fail and health to say so;
/// webhook 5xx faults are limited to two calls, because a message failing three times in a run is put back for
/// four minutes by design, longer than a soak settles.
/// </summary>
internal sealed class FaultPicker(int seed)
{
    private static readonly string[] ApiRoutes = ["usage/completions", "usage/completions", "usage/embeddings", "usage/images", "costs", "costs", "projects", "rate_limits"];
    private static readonly string[] PagedRoutes = ["usage/completions", "usage/embeddings", "usage/moderations", "costs"];
    private static readonly FaultKind[] PageFaults = [FaultKind.MalformedJson, FaultKind.MissingData, FaultKind.RepeatedCursor, FaultKind.HasMoreWithoutCursor, FaultKind.EmptyPageHasMore];

    private readonly Random _random = new(seed);

    /// <summary>The first cycle always hits the API and a webhook while the host backfills and sends its first alerts.</summary>
    public List<SoakFault> Next(int cycle)
    {
        var faults = new List<SoakFault>();
        var roll = _random.NextDouble();
        if (cycle > 1 && roll < 0.2)
        {
            faults.Add(new SoakFault(SoakFaultKind.HostKill, "host", null));
        }
        else if (cycle > 1 && roll < 0.35)
        {
            faults.Add(new SoakFault(SoakFaultKind.AzuriteRestart, "azurite", null));
            return faults;
        }

        if (cycle == 1 || _random.NextDouble() < 0.7)
        {
            faults.Add(Api());
        }

        if (cycle == 1 || _random.NextDouble() < 0.6 || faults.Count == 0)
        {
            faults.Add(Webhook());
        }

        return faults;
    }

    private SoakFault Api()
    {
        var kind = (SoakFaultKind)_random.Next(4);
        var route = kind == SoakFaultKind.ApiMalformed ? Pick(PagedRoutes) : Pick(ApiRoutes);
        var rule = kind switch
        {
            SoakFaultKind.Api429 => new FaultRule { Kind = FaultKind.RateLimited, RetryAfterSeconds = _random.Next(1, 4) },
            SoakFaultKind.Api5xx => new FaultRule { Kind = _random.Next(2) == 0 ? FaultKind.ServerError : FaultKind.ServiceUnavailable },
            // Longer than the host's attempt timeout, so it is a fault and not just a slow day.
            SoakFaultKind.ApiSlow => new FaultRule { Kind = FaultKind.Slow, DelayMs = _random.Next(3500, 5000) },
            _ => new FaultRule { Kind = Pick(PageFaults) },
        };
        rule.Route = route;
        return new SoakFault(kind, route, rule);
    }

    private SoakFault Webhook()
    {
        var route = _random.Next(2) == 0 ? "sink/teams" : "sink/slack";
        var rule = _random.Next(2) == 0
            ? new FaultRule { Route = route, Kind = FaultKind.RateLimited, RetryAfterSeconds = _random.Next(1, 3) }
            : new FaultRule { Route = route, Kind = _random.Next(2) == 0 ? FaultKind.ServerError : FaultKind.ServiceUnavailable, OnCall = 1, Times = _random.Next(1, 3) };
        return new SoakFault(rule.Kind == FaultKind.RateLimited ? SoakFaultKind.Webhook429 : SoakFaultKind.Webhook5xx, route, rule);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>Seconds into the cycle at which a process fault strikes.</summary>
    public int StrikeAfterSeconds() => _random.Next(2, 9);
}
