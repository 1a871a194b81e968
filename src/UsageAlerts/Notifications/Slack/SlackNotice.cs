using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications.Slack;

/// <summary>
/// One notice as a divider, a section (title, summary, change, facts as fields, a dashboard button) and a context
/// line (state, alert id, caveat). Caps are in escaped characters and keep one notice well inside every Slack limit.
/// </summary>
internal static class SlackNotice
{
    internal static IReadOnlyList<JsonObject> Blocks(AlertNotice notice)
    {
        var text = $"{Marker(notice)} *{SlackText.Fit(notice.Title, 200)}*";
        var summary = SlackText.Fit(notice.Summary, 500);
        text += summary.Length > 0 ? "\n" + summary : "";
        var change = SlackText.Fit(notice.Change, 400);
        text += change.Length > 0 ? "\n_Change:_ " + change : "";

        var fields = ChatLimits.CapFacts(notice.Facts).Select(Field);
        var section = SlackBlocks.Section(text, fields, SlackBlocks.Button("Open in dashboard", notice.Link));

        var context = new List<string> { ChatFormat.State(notice), "Alert " + SlackText.Fit(notice.AlertId, 150) };
        var note = SlackText.Fit(notice.Note, 400);
        if (note.Length > 0)
        {
            context.Add(note);
        }

        return [SlackBlocks.Divider(), section, SlackBlocks.Context(context)];
    }

    /// <summary>The notification line: state first, then the one-sentence summary written for exactly this.</summary>
    internal static string FallbackLine(AlertNotice notice)
    {
        var state = notice.Type == NoticeType.Resolved ? "Resolved" : notice.Severity.ToString();
        var what = string.IsNullOrWhiteSpace(notice.Summary) ? notice.Title : notice.Summary;
        return SlackText.Fit($"{state}: {what}", 300);
    }

    /// <summary>Block Kit has no colours, so an emoji carries severity at a glance; the state line spells it out.</summary>
    private static string Marker(AlertNotice notice) => notice.Type == NoticeType.Resolved
        ? ":white_check_mark:"
        : notice.Severity switch
        {
            Severity.Critical => ":red_circle:",
            Severity.Warning => ":large_orange_circle:",
            _ => ":large_blue_circle:",
        };

    private static string Field(NoticeFact fact)
    {
        var label = SlackText.Fit(fact.Label, 60);
        var value = SlackText.Fit(fact.Value, 200);
        value = value.Length > 0 ? value : "—";
        return label.Length > 0 ? $"*{label}*\n{value}" : value;
    }
}
