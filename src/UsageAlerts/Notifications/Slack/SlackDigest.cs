using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Slack;

/// <summary>
/// The digest: header, time, headline figures as fields, one section per list, a dashboard button. The caps add up
/// to less than <see cref="SlackBlocks.MaxTotalText"/> whatever the data: four lists of 1,500, ten fields of about
/// 265, a 500-character fallback and a header.
/// </summary>
internal static class SlackDigest
{
    private const int ListText = 1500;

    internal static string Fallback(DigestMessage message)
    {
        var headline = string.Join("; ", message.Headline.Take(ChatLimits.DigestItems).Select(f => $"{f.Label} {f.Value}"));
        return SlackText.Fit($"{Title(message)}: {headline}", 500);
    }

    internal static IReadOnlyList<JsonObject> Blocks(DigestMessage message)
    {
        var blocks = new List<JsonObject>
        {
            SlackBlocks.Header(SlackText.Fit(Title(message), SlackBlocks.MaxHeader)),
            SlackBlocks.Context([ChatFormat.Utc(message.At)]),
        };
        if (message.Headline.Count > 0)
        {
            var fields = ChatLimits.CapFacts(message.Headline).Select(f => $"*{SlackText.Fit(f.Label, 60)}*\n{SlackText.Fit(f.Value, 200)}");
            blocks.Add(SlackBlocks.Section("*At a glance*", fields));
        }

        AddList(blocks, "Budgets", message.Budgets);
        AddList(blocks, "Top projects", message.TopProjects);
        AddList(blocks, "Top models", message.TopModels);
        AddList(blocks, "Biggest movers", message.Movers);
        if (SlackBlocks.Button("Open dashboard", message.DashboardLink) is { } button)
        {
            blocks.Add(SlackBlocks.Actions(button));
        }

        return blocks;
    }

    private static string Title(DigestMessage message) =>
        $"{ChatText.Truncate(message.Title, ChatLimits.Title)} · {ChatText.Truncate(message.Organization, ChatLimits.Organization)}";

    private static void AddList(List<JsonObject> blocks, string heading, IReadOnlyList<NoticeFact> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var lines = items.Take(ChatLimits.DigestItems).Select(f => $"• {SlackText.Fit(f.Label, 60)}: {SlackText.Fit(f.Value, 200)}").ToList();
        var list = SlackText.Lines(lines, items.Count, ListText - heading.Length - 3);
        blocks.Add(SlackBlocks.Section($"*{heading}*\n{list}"));
    }
}
