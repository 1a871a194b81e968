using System.Text;
using System.Text.Json.Nodes;
using UsageAlerts.Notifications;

namespace UsageAlerts.Tests.Notifications;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData(0, 0, 30, "less than a minute")]
    [InlineData(0, 45, 0, "45 min")]
    [InlineData(2, 0, 0, "2 h")]
    [InlineData(2, 15, 59, "2 h 15 min")]
    [InlineData(76, 5, 0, "3 d 4 h")]
    [InlineData(48, 0, 0, "2 d")]
    public void Durations_read_in_two_units_at_most(int hours, int minutes, int seconds, string expected) =>
        Assert.Equal(expected, ChatFormat.Duration(new TimeSpan(hours, minutes, seconds)));

    [Fact]
    public void Times_are_utc_whatever_the_offset() =>
        Assert.Equal("2026-11-24 08:00 UTC", ChatFormat.Utc(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void Truncation_ends_in_an_ellipsis_and_keeps_surrogate_pairs_whole()
    {
        Assert.Equal("abc", ChatText.Truncate("abc", 3));
        Assert.Equal("ab…", ChatText.Truncate("abcd", 3));
        Assert.Equal("a…", ChatText.Truncate("a🚀b", 3));
        Assert.Equal("a b �", ChatText.Clean(" a\nb \ud800 "));
    }

    [Fact]
    public void Facts_beyond_ten_are_counted_in_the_last_slot()
    {
        var facts = ChatLimits.CapFacts([.. Enumerable.Range(1, 14).Select(i => new NoticeFact($"F{i}", $"{i}"))]);

        Assert.Equal(10, facts.Count);
        Assert.Equal(new NoticeFact("More", "5 more facts on the dashboard"), facts[^1]);
    }

    [Fact]
    public void Json_escapes_only_what_json_requires_and_has_no_bom()
    {
        var json = ChatJson.Serialize(new JsonObject { ["t"] = "Ranking & \"Labs\" <b> – é 🚀 \\ \n\u0001", ["n"] = null, ["b"] = true });

        Assert.Equal("{\"t\":\"Ranking & \\\"Labs\\\" <b> – é 🚀 \\\\ \\n\\u0001\",\"n\":null,\"b\":true}", json);
        Assert.Equal("Ranking & \"Labs\" <b> – é 🚀 \\ \n\u0001", (string?)JsonNode.Parse(json)!["t"]);
        Assert.Empty(ChatJson.Utf8.GetPreamble());
        Assert.Equal(Encoding.UTF8.GetByteCount(json), ChatJson.ByteCount(JsonNode.Parse(json)));
    }
}
