using System.Globalization;

namespace UsageAlerts.Bench.Soak;

/// <summary>What a soak did and found: the figures it prints at the end, and every violation with its evidence.</summary>
internal sealed class SoakLedger
{
    public int Cycles { get; set; }

    public Dictionary<SoakFaultKind, int> Injected { get; } = Enum.GetValues<SoakFaultKind>().ToDictionary(k => k, _ => 0);

    /// <summary>Per fault kind: reported by health while it lasted, and faults no call ran into (nothing to report). A killed host reports nothing.</summary>
    public Dictionary<SoakFaultKind, (int Reported, int NotExercised)> Health { get; } = Enum.GetValues<SoakFaultKind>().ToDictionary(k => k, _ => (0, 0));

    public int HostRestarts { get; set; }

    public int UnplannedHostExits { get; set; }

    public int AzuriteRestarts { get; set; }

    public Dictionary<string, (int Alerts, int Digests, int Delivered, int Pending, int Dead, int Superseded)> Receivers { get; } = new(StringComparer.Ordinal);

    public List<string> Checked { get; } = [];

    public List<string> Notes { get; } = [];

    public List<string> Violations { get; } = [];

    public void Violation(string text) => Violations.Add(text);

    public void Print(TextWriter output, TimeSpan elapsed, int seed)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: seed {seed}, {Cycles} cycles in {elapsed.TotalSeconds:F0} s"));
        output.WriteLine($"faults injected: {string.Join(", ", Injected.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}"))} (total {Injected.Values.Sum()})");
        output.WriteLine($"health reported: {string.Join(", ", Health.Where(h => Injected[h.Key] > 0 && h.Key != SoakFaultKind.HostKill).Select(h => $"{h.Key} {h.Value.Reported}/{Injected[h.Key] - h.Value.NotExercised}" + (h.Value.NotExercised > 0 ? $" ({h.Value.NotExercised} hit no call)" : "")))}");
        output.WriteLine($"host restarts: {HostRestarts} planned kills, {UnplannedHostExits} unplanned exits; Azurite restarts: {AzuriteRestarts}");
        foreach (var (name, r) in Receivers)
        {
            output.WriteLine($"messages to {name}: {r.Alerts} alert, {r.Digests} digest; outbox rows {r.Delivered} delivered, {r.Pending} pending, {r.Dead} dead, {r.Superseded} superseded");
        }

        foreach (var line in Checked)
        {
            output.WriteLine($"checked: {line}");
        }

        foreach (var note in Notes)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine($"violations: {Violations.Count}");
        foreach (var violation in Violations)
        {
            output.WriteLine($"  - {violation}");
        }
    }
}
