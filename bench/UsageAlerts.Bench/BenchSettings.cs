using System.Globalization;

namespace UsageAlerts.Bench;

/// <summary>Command line: the shape of the synthetic organization, and whether to reuse tables seeded before.</summary>
internal sealed record BenchSettings(int Days, int Projects, int Models, int ModelsPerProject, int KeysPerProject, string? Prefix, bool Seed, int Repeats, int RowDays)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var prefix = values.GetValueOrDefault("prefix");
        return new BenchSettings(
            Int("days", 365), Int("projects", 50), Int("models", 20), Int("models-per-project", 10), Int("keys", 2),
            prefix, Seed: prefix is null || values.GetValueOrDefault("seed") == "true", Int("repeats", 21), Int("row-days", 30));
    }

    public override string ToString() =>
        $"{Days} days, {Projects} projects, {Models} models ({ModelsPerProject} used per project), {KeysPerProject} API keys per project";
}
