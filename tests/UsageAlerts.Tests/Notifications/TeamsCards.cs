using System.Text.Json.Nodes;
using UsageAlerts.Notifications.Teams;

namespace UsageAlerts.Tests.Notifications;

/// <summary>
/// Every Teams card the notification tests look at, for Microsoft's renderer to check in one batch: the reviewed
/// golden files, and what the renderer makes of each sample and each stress message.
/// </summary>
internal static class TeamsCards
{
    /// <summary>Teams webhook bodies by name.</summary>
    internal static IReadOnlyDictionary<string, string> All { get; } = Build();

    /// <summary>The Adaptive Card inside a Teams webhook body.</summary>
    internal static JsonObject Card(string body) =>
        JsonNode.Parse(body)!["attachments"]![0]!["content"]!.AsObject();

    private static Dictionary<string, string> Build()
    {
        var renderer = new TeamsRenderer();
        var cards = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(GoldenFiles.Directory, "*.teams.json").Order(StringComparer.Ordinal))
        {
            cards[$"golden/{Path.GetFileName(path)}"] = File.ReadAllText(path);
        }

        foreach (var (name, message) in NoticeSamples.All)
        {
            cards[$"rendered/{name}"] = NoticeSamples.Render(renderer, message);
        }

        cards["stress/largest"] = renderer.Render(StressSamples.Largest).Body;
        cards["stress/hostile-1"] = renderer.Render(StressSamples.HostileMessage(1)).Body;
        cards["stress/hostile-40"] = renderer.Render(StressSamples.HostileMessage(40)).Body;
        cards["stress/hostile-digest"] = renderer.Render(StressSamples.HostileDigest);
        cards["stress/hostile-title"] = renderer.Render(StressSamples.HostileTitle).Body;
        cards["stress/without-safe-links"] = renderer.Render(StressSamples.WithoutSafeLinks).Body;
        return cards;
    }
}
