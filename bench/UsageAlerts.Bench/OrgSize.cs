using System.Globalization;

namespace UsageAlerts.Bench;

/// <summary>The shape of a simulated organization: its projects, and the completion models they use.</summary>
internal sealed record OrgSize(string Name, int Projects, int Models)
{
    public static readonly IReadOnlyList<OrgSize> Named = [new("small", 5, 5), new("medium", 50, 20), new("large", 200, 40)];

    /// <summary>A named size, <c>all</c>, or <c>PxM</c> (P projects, M models) for a size of one's own.</summary>
    public static IEnumerable<OrgSize> Parse(string text)
    {
        if (text == "all")
        {
            return Named;
        }

        if (Named.FirstOrDefault(s => s.Name == text) is { } named)
        {
            return [named];
        }

        var parts = text.Split('x');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var projects)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var models)
            ? [new OrgSize(text, projects, models)]
            : throw new ArgumentException($"Unknown size '{text}': small, medium, large, all or PxM (e.g. 100x30).");
    }

    public override string ToString() => $"{Name} ({Projects} projects x {Models} models)";
}
