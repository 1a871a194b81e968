using System.Text.RegularExpressions;
using System.Xml.Linq;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Tests.Summaries;

public sealed partial class ChartTests
{
    private const string Hostile = "<script>alert(1)</script> \"q\" & 'a'";

    private static BarChartData Bars(bool stacked, params ChartSeries[] series) =>
        new("Cost", ["Nov 1", "Nov 2", "Nov 3"], series, v => HumanFormat.Usd((decimal)v), HumanFormat.UsdShort, stacked);

    private static XElement Svg(string svg) => XElement.Parse(svg);

    private static List<XElement> Marks(string svg) =>
        [.. Svg(svg).Descendants().Where(e => e.Attribute("data-value") is not null)];

    [Fact]
    public void A_stacked_bar_chart_draws_one_rect_per_positive_value_with_its_data()
    {
        var svg = BarChart.Render(Bars(true, new ChartSeries("input", "#111111", [1, 0, 3]), new ChartSeries("output", "#222222", [2, 5, -1])));

        var marks = Marks(svg);
        Assert.Equal(4, marks.Count);
        Assert.All(marks, m => Assert.Equal("rect", m.Name.LocalName));
        Assert.Equal(["1", "2", "5", "3"], marks.Select(m => m.Attribute("data-value")!.Value));
        Assert.Contains(marks, m => m.Element(Svg(svg).Name.Namespace + "title")!.Value == "Nov 2 · output: $5.00");
    }

    [Fact]
    public void Stacked_segments_sit_on_each_other_and_grouped_bars_side_by_side()
    {
        double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var stacked = Marks(BarChart.Render(Bars(true, new ChartSeries("a", "#111111", [1, 0, 0]), new ChartSeries("b", "#222222", [1, 0, 0]))));
        var grouped = Marks(BarChart.Render(Bars(false, new ChartSeries("a", "#111111", [1, 0, 0]), new ChartSeries("b", "#222222", [1, 0, 0]))));

        Assert.Equal(Attr(stacked[0], "y"), Attr(stacked[1], "y") + Attr(stacked[1], "height"), 1);
        Assert.Equal(Attr(stacked[0], "x"), Attr(stacked[1], "x"));
        Assert.Equal(Attr(grouped[0], "y"), Attr(grouped[1], "y"));
        Assert.True(Attr(grouped[1], "x") > Attr(grouped[0], "x"));
    }

    [Fact]
    public void Charts_with_no_values_still_render_axes()
    {
        var svg = BarChart.Render(Bars(true, new ChartSeries("a", "#111111", [0, 0, 0])));
        var horizontal = HorizontalBarChart.Render(Bars(true));

        Assert.Empty(Marks(svg));
        Assert.NotEmpty(Svg(svg).Descendants(Svg(svg).Name.Namespace + "line"));
        Assert.Empty(Marks(horizontal));
        Assert.Empty(Marks(DonutChart.Render("none", [])));
    }

    [Fact]
    public void A_donut_draws_slices_and_a_single_slice_as_a_full_ring()
    {
        var two = Marks(DonutChart.Render("share", [new ChartSlice("a", 3, "#111111", "a 75%"), new ChartSlice("b", 1, "#222222", "b 25%")]));
        var one = Marks(DonutChart.Render("share", [new ChartSlice("a", 3, "#111111", "a 100%")]));

        Assert.Equal(["0.75", "0.25"], two.Select(m => m.Attribute("data-share")!.Value));
        Assert.All(two, m => Assert.Equal("path", m.Name.LocalName));
        Assert.Equal("circle", Assert.Single(one).Name.LocalName);
    }

    [Fact]
    public void Names_from_data_are_encoded_everywhere_in_svg()
    {
        var data = new BarChartData(Hostile, [Hostile], [new ChartSeries(Hostile, "#111111", [2])], v => "$" + v, v => "$" + v, Stacked: true);

        foreach (var svg in new[] { BarChart.Render(data), HorizontalBarChart.Render(data), DonutChart.Render(Hostile, [new ChartSlice(Hostile, 1, "#111111", Hostile)]) })
        {
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
            var mark = Assert.Single(Marks(svg));
            Assert.Equal(Hostile, mark.Attribute("data-series")!.Value);
            Assert.DoesNotMatch(StyleAttribute(), svg);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7.3, 8)]
    [InlineData(93, 100)]
    [InlineData(1234, 1250)]
    [InlineData(0.042, 0.05)]
    public void Axes_end_on_a_nice_number(double max, double niceMax) =>
        Assert.Equal(niceMax, AxisScale.For(max).Max, 6);

    [Theory]
    [InlineData("1234.565", "$1,234.57")]
    [InlineData("0", "$0.00")]
    [InlineData("0.004", "<$0.01")]
    [InlineData("-2.5", "-$2.50")]
    [InlineData("1234567.891", "$1,234,567.89")]
    public void Dollars_are_shown_to_the_cent(string amount, string text) =>
        Assert.Equal(text, HumanFormat.Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(950, "950")]
    [InlineData(1234, "1.2K")]
    [InlineData(1_200_000, "1.2M")]
    [InlineData(123_456_789, "123M")]
    [InlineData(2_500_000_000, "2.5B")]
    public void Counts_are_short(double value, string text) => Assert.Equal(text, HumanFormat.Count(value));

    [Theory]
    [InlineData("100", "150", "+50%")]
    [InlineData("100", "75", "-25%")]
    [InlineData("-20", "-30", "-50%")]
    [InlineData("0", "5", null)]
    public void Changes_are_relative_to_the_size_of_the_previous_amount(string previous, string current, string? change) =>
        Assert.Equal(change, HumanFormat.Change(decimal.Parse(previous, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Tokens_read_as_tokens() => Assert.Equal("1.2M tokens", HumanFormat.Tokens(1_234_567));

    [GeneratedRegex(@"\sstyle=")]
    private static partial Regex StyleAttribute();
}
