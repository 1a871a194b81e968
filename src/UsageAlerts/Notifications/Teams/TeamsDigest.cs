using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Teams;

/// <summary>The digest card body: heading, headline figures, then one titled fact list per section.</summary>
internal static class TeamsDigest
{
    internal static JsonArray Body(DigestMessage message, int itemsPerList)
    {
        var organization = ChatText.Truncate(message.Organization, ChatLimits.Organization);
        var title = ChatText.Truncate(message.Title, ChatLimits.Title);
        var body = new JsonArray(TeamsCard.Row(
            TeamsCard.Text($"{title} for {organization}", new(Weight: "bolder", Size: "large")),
            TeamsCard.Text(ChatFormat.Utc(message.At), new(Subtle: true, Size: "small"))));
        AddList(body, null, message.Headline, itemsPerList);
        AddList(body, "Budgets", message.Budgets, itemsPerList);
        AddList(body, "Top projects", message.TopProjects, itemsPerList);
        AddList(body, "Top models", message.TopModels, itemsPerList);
        AddList(body, "Biggest movers", message.Movers, itemsPerList);
        return body;
    }

    private static void AddList(JsonArray body, string? heading, IReadOnlyList<NoticeFact> items, int max)
    {
        if (items.Count == 0)
        {
            return;
        }

        var shown = items.Take(max).Select(f => new NoticeFact(ChatText.Truncate(f.Label, ChatLimits.FactLabel), ChatText.Truncate(f.Value, ChatLimits.FactValue)));
        var section = new JsonArray();
        if (heading is not null)
        {
            section.Add(TeamsCard.Text(heading, new(Weight: "bolder")));
        }

        section.Add(TeamsCard.Facts(shown));
        if (items.Count > max)
        {
            section.Add(TeamsCard.Text(ChatText.AndMore(items.Count - max), TextLook.Small));
        }

        body.Add(new JsonObject { ["type"] = "Container", ["separator"] = heading is not null, ["spacing"] = "medium", ["items"] = section });
    }
}
