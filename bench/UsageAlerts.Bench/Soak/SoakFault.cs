using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>The kinds of trouble a soak cycle injects; the report counts them by these names.</summary>
internal enum SoakFaultKind
{
    Api429,
    Api5xx,
    ApiSlow,
    ApiMalformed,
    Webhook429,
    Webhook5xx,
    AzuriteRestart,
    HostKill,
}

/// <summary>One injected fault: its simulator rule (none for process faults) and the route it targets.</summary>
internal sealed record SoakFault(SoakFaultKind Kind, string Target, FaultRule? Rule)
{
    public bool OnWebhook => Kind is SoakFaultKind.Webhook429 or SoakFaultKind.Webhook5xx;

    public bool OnApi => Kind is SoakFaultKind.Api429 or SoakFaultKind.Api5xx or SoakFaultKind.ApiSlow or SoakFaultKind.ApiMalformed;

    /// <summary>The receiver a webhook fault hits, named as the health report and the rules name it.</summary>
    public string Receiver => Target == "sink/teams" ? SoakRules.Teams : SoakRules.Slack;

    /// <summary>Whether a stream the health report lists is fed by the route this API fault hits.</summary>
    public bool Affects(string stream) => Target switch
    {
        "costs" => stream == "costs.1d",
        "projects" or "rate_limits" => stream == "projects",
        _ => stream.StartsWith(Target["usage/".Length..] + ".", StringComparison.Ordinal),
    };

    public override string ToString() => Rule is null ? Kind.ToString() : $"{Kind} on {Target} ({Rule.Kind}{(Rule.OnCall is null ? "" : $" x{Rule.Times}")})";
}
