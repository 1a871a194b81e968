using System.Text.Json.Nodes;
using UsageAlerts.Notifications;
using UsageAlerts.Notifications.Teams;

namespace UsageAlerts.Tests.Notifications;

public sealed class TeamsRendererTests
{
    private readonly TeamsRenderer _renderer = new();

    [Fact]
    public async Task Largest_message_stays_under_20_KB_and_counts_what_it_left_out()
    {
        var body = await TeamsCardChecks.AssertValidAsync(_renderer.Render(StressSamples.Largest).Body);

        var notices = body.Skip(1).Where(e => (string?)e!["style"] is not null).ToList();
        Assert.InRange(notices.Count, 5, 199);
        var titles = notices.Select(n => (string)n!["items"]![0]!["text"]!).ToList();
        Assert.Equal(StressSamples.Largest.Notices.Take(notices.Count).Select(n => TeamsMarkdown.Escape(n.Title)), titles);
        var footer = (string)body[^1]!["text"]!;
        Assert.StartsWith($"…and {200 - notices.Count} more", footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_data_gives_a_valid_card_with_every_single_notice_shown_trimmed()
    {
        var rendered = _renderer.Render(StressSamples.HostileMessage(1)).Body;
        var body = await TeamsCardChecks.AssertValidAsync(rendered);

        var notice = Assert.Single(body, e => (string?)e!["style"] == "attention")!;
        var texts = TeamsCardChecks.Texts(notice).ToList();
        Assert.All(texts, t => Assert.True(t.Length < 2 * ChatLimits.Summary + 20, $"{t.Length} characters"));
        Assert.EndsWith("…", texts[0], StringComparison.Ordinal);
        Assert.Equal(ChatLimits.Facts, notice["items"]!.AsArray().Single(i => (string?)i!["type"] == "FactSet")!["facts"]!.AsArray().Count);
        Assert.Contains("🚀", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_hostile_notices_are_cut_to_fit()
    {
        var rendered = _renderer.Render(StressSamples.HostileMessage(40));
        var body = await TeamsCardChecks.AssertValidAsync(rendered.Body);

        var shown = body.Count(e => (string?)e!["style"] == "attention");
        Assert.InRange(shown, 1, 39);
        Assert.Equal(shown, rendered.Shown);
        Assert.StartsWith($"…and {40 - shown} more", (string)body[^1]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_digest_fits_by_showing_fewer_items_per_list()
    {
        var body = await TeamsCardChecks.AssertValidAsync(_renderer.Render(StressSamples.HostileDigest));

        Assert.Contains(TeamsCardChecks.Texts(body), t => t.StartsWith("…and", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_in_data_is_shown_as_typed()
    {
        var rendered = _renderer.Render(StressSamples.HostileTitle).Body;

        var title = TeamsCardChecks.Texts(JsonNode.Parse(rendered)).Single(t => t.Contains("script", StringComparison.Ordinal));
        Assert.Contains(@"\*\[prod\](https://evil.example)\*", title, StringComparison.Ordinal);
        Assert.Contains(@"\_x\_", title, StringComparison.Ordinal);
        Assert.Contains("Search, Ranking & \\\"Labs\\\"", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- Research", @"\- Research")]
    [InlineData("1. Research", @"1\. Research")]
    [InlineData("+$290.88", "+$290.88")]
    [InlineData("v1.2 of invalid_api_key", "v1.2 of invalid_api_key")]
    [InlineData("_x_ and A_ B", @"\_x\_ and A\_ B")]
    [InlineData(@"C:\temp", @"C:\\temp")]
    public void Markdown_escape_covers_lists_emphasis_and_backslashes(string text, string expected) =>
        Assert.Equal(expected, TeamsMarkdown.Escape(text));

    [Fact]
    public async Task The_schema_check_is_not_vacuous()
    {
        const string table = """{"type":"AdaptiveCard","version":"1.4","body":[{"type":"Table","columns":[],"rows":[]}]}""";
        const string missingText = """{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock"}]}""";
        const string wrongType = """{"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"x","wrap":"yes"}]}""";

        Assert.NotEqual(0, await TeamsCardChecks.SchemaErrorCountAsync(table));
        Assert.NotEqual(0, await TeamsCardChecks.SchemaErrorCountAsync(missingText));
        Assert.NotEqual(0, await TeamsCardChecks.SchemaErrorCountAsync(wrongType));
        Assert.DoesNotContain("Table", TeamsCardChecks.AllowedTypes);
        Assert.DoesNotContain("Action.Submit", TeamsCardChecks.AllowedTypes);
        Assert.DoesNotContain("Action.Execute", TeamsCardChecks.AllowedTypes);
    }

    [Fact]
    public async Task Without_a_dashboard_link_there_are_no_card_actions_and_bad_links_are_dropped()
    {
        var rendered = _renderer.Render(StressSamples.WithoutSafeLinks).Body;
        await TeamsCardChecks.AssertValidAsync(rendered);

        Assert.DoesNotContain("actions", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", rendered, StringComparison.Ordinal);
    }
}
