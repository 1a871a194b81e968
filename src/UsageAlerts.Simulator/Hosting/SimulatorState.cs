namespace UsageAlerts.Simulator.Hosting;

/// <summary>Everything one running simulator shares between its routes.</summary>
internal sealed class SimulatorState(SimulatorOptions options, SimulatedOrganization organization, FaultPlan faults, WebhookSink sink, CallLog calls)
{
    private int _nonce;

    public SimulatorOptions Options => options;

    public SimulatedOrganization Organization => organization;

    public FaultPlan Faults => faults;

    public WebhookSink Sink => sink;

    public CallLog Calls => calls;

    public RateLimitHeaders RateLimitHeaders { get; } = new(organization.Time);

    /// <summary>Makes fresh cursors distinct; counts calls, so it is deterministic for a given call sequence.</summary>
    public uint Nonce() => (uint)Interlocked.Increment(ref _nonce);
}

/// <summary>Carries the fault chosen by the gate to the handler that shapes the page.</summary>
internal static class FaultContext
{
    private static readonly object Key = new();

    public static void Set(HttpContext http, FaultRule? fault) => http.Items[Key] = fault;

    public static FaultRule? Get(HttpContext http) => http.Items.TryGetValue(Key, out var fault) ? fault as FaultRule : null;
}
