using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Teams;

/// <summary>Adaptive Card parts for alert messages: the heading, one styled container per notice, the "…and N more" footer.</summary>
internal static class TeamsNotice
{
    internal static JsonObject Heading(ChatMessage message)
    {
        var organization = ChatText.Truncate(message.Organization, ChatLimits.Organization);
        var title = TeamsCard.Text($"{ChatText.Count(message.Notices.Count, "alert")} for {organization}", new(Weight: "bolder", Size: "large"));
        var when = TeamsCard.Text(ChatFormat.Utc(message.At), new(Subtle: true, Size: "small"));
        var heading = TeamsCard.Row(title, when);
        return new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(heading, TeamsCard.Text(ChatFormat.Mix(message.Notices), new(Subtle: true, Spacing: "none"))),
        };
    }

    internal static JsonObject Container(AlertNotice notice)
    {
        var style = TeamsStyle.For(notice);
        var items = new JsonArray(
            TeamsCard.Text(ChatText.Truncate(notice.Title, ChatLimits.Title), new(Weight: "bolder", Size: "medium", Color: style)),
            TeamsCard.Text(ChatFormat.State(notice), new(Subtle: true, Spacing: "none")));
        Add(items, notice.Summary, ChatLimits.Summary, default);
        var facts = ChatLimits.CapFacts(notice.Facts);
        if (facts.Count > 0)
        {
            items.Add(TeamsCard.Facts(facts));
        }

        Add(items, notice.Change is null ? null : "Change: " + notice.Change, ChatLimits.Change, default);
        Add(items, notice.Note, ChatLimits.Note, TextLook.Small);
        Add(items, "Alert " + notice.AlertId, ChatLimits.AlertId, TextLook.Small);
        if (ChatFormat.WebLink(notice.Link) is { } link)
        {
            items.Add(TeamsCard.Links("Open in dashboard", link));
        }

        return new JsonObject { ["type"] = "Container", ["style"] = style, ["spacing"] = "medium", ["items"] = items };
    }

    internal static JsonObject Footer(int hidden, bool dashboard) =>
        TeamsCard.Text(ChatText.AndMore(hidden) + (dashboard ? " (all alerts are on the dashboard)" : ""), new(Weight: "bolder", Spacing: "medium"));

    private static void Add(JsonArray items, string? text, int max, TextLook look)
    {
        var clean = ChatText.Truncate(text, max);
        if (clean.Length > 0)
        {
            items.Add(TeamsCard.Text(clean, look));
        }
    }
}
