using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Storage;

public sealed class KeyEncoderTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    [InlineData("new\nline\u007f\u0085")]
    [InlineData("pipe|tilde~percent%")]
    public void Forbidden_characters_never_reach_a_key(string value)
    {
        var segment = KeyEncoder.Segment(value);

        Assert.DoesNotContain(segment, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.DoesNotContain(KeyEncoder.Separator, segment);
    }

    [Fact]
    public void Distinct_values_stay_distinct_including_null_and_empty()
    {
        string?[] values = [null, "", "~", "%7E", "a/b", "a%2Fb", "a|b", "a b", "(none)"];

        var segments = values.Select(KeyEncoder.Segment).ToList();

        Assert.Equal(values.Length, segments.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Long_values_are_shortened_but_stay_unique()
    {
        var a = new string('x', 5000) + "a";
        var b = new string('x', 5000) + "b";

        var sa = KeyEncoder.Segment(a);
        var sb = KeyEncoder.Segment(b);

        Assert.True(sa.Length <= 160);
        Assert.NotEqual(sa, sb);
    }

    [Fact]
    public void Shortening_never_cuts_an_escape_in_half()
    {
        var value = new string('y', 133) + "/" + new string('z', 300);

        var segment = KeyEncoder.Segment(value);

        var hash = segment.IndexOf("~h", StringComparison.Ordinal);
        var head = segment[..hash];
        Assert.DoesNotMatch("%[0-9A-F]?$", head);
    }
}
