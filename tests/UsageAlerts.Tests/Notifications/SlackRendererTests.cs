using System.Text.Json.Nodes;
using UsageAlerts.Notifications.Slack;

namespace UsageAlerts.Tests.Notifications;

public sealed class SlackRendererTests
{
    private readonly SlackRenderer _renderer = new();

    [Fact]
    public void Largest_message_stays_within_every_block_kit_limit_and_counts_what_it_left_out()
    {
        var rendered = _renderer.Render(StressSamples.Largest).Body;
        var blocks = SlackLimitChecks.AssertWithinLimits(rendered);

        var notices = blocks.Count(b => b!["fields"] is not null);
        Assert.InRange(notices, 5, 199);
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.StartsWith($"*…and {200 - notices} more*", StringComparison.Ordinal) == true);
        Assert.Equal("actions", (string?)blocks[^1]!["type"]);
        var fallback = (string)JsonNode.Parse(rendered)!["text"]!;
        Assert.Matches(@"\n…and \d+ more$", fallback);
    }

    [Fact]
    public void Hostile_data_is_escaped_and_trimmed_and_one_notice_always_shows()
    {
        var rendered = _renderer.Render(StressSamples.HostileMessage(1)).Body;
        var blocks = SlackLimitChecks.AssertWithinLimits(rendered);

        var section = Assert.Single(blocks, b => b!["fields"] is not null)!;
        var text = (string)section["text"]!["text"]!;
        Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);
        Assert.Contains("Ranking &amp; \"Labs\"", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!here&gt;", text, StringComparison.Ordinal);
        Assert.Contains("line one line two", text, StringComparison.Ordinal);
        Assert.Equal(10, section["fields"]!.AsArray().Count);
        Assert.True(section["text"]!["verbatim"]!.GetValue<bool>());
        Assert.Contains("🚀", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_hostile_notices_are_cut_to_fit()
    {
        var rendered = _renderer.Render(StressSamples.HostileMessage(40));
        var blocks = SlackLimitChecks.AssertWithinLimits(rendered.Body);

        var shown = blocks.Count(b => b!["fields"] is not null);
        Assert.InRange(shown, 1, 39);
        Assert.Equal(shown, rendered.Shown);
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.StartsWith($"*…and {40 - shown} more*", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Huge_digest_stays_within_every_limit_and_the_renderers_own_margin()
    {
        var rendered = _renderer.Render(StressSamples.HostileDigest);
        SlackLimitChecks.AssertWithinLimits(rendered);

        var root = JsonNode.Parse(rendered)!;
        Assert.InRange(SlackBlocks.TextLength(root["blocks"]) + ((string)root["text"]!).Length, 1, SlackBlocks.MaxTotalText);
        Assert.Matches(@"…and 19\d more", rendered);
    }

    [Fact]
    public void Grouped_message_is_header_summary_then_divider_section_context_per_notice_then_the_dashboard()
    {
        var blocks = SlackLimitChecks.AssertWithinLimits(_renderer.Render(NoticeSamples.Grouped).Body);

        string[] expected = ["header", "context", .. Enumerable.Repeat<string[]>(["divider", "section", "context"], 4).SelectMany(x => x), "actions"];
        Assert.Equal(expected, blocks.Select(b => (string)b!["type"]!));
        Assert.Equal("4 alerts · Contoso", (string?)blocks[0]!["text"]!["text"]);
    }

    [Theory]
    [InlineData("a & b", 100, "a &amp; b")]
    [InlineData("<<<<", 10, "&lt;&lt;…")]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("ab🚀🚀", 4, "ab…")]
    [InlineData("ab🚀", 4, "ab🚀")]
    public void Fit_measures_escaped_text_and_never_splits_an_entity_or_a_surrogate_pair(string raw, int max, string expected)
    {
        var fitted = SlackText.Fit(raw, max);

        Assert.Equal(expected, fitted);
        Assert.True(fitted.Length <= max);
    }
}
