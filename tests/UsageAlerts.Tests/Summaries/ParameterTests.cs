using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class ParameterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);
    private static readonly SummaryOptions Defaults = new();

    internal static HttpRequest Request(string query, string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }

    private static SummaryQuery Parse(string query, string? accept = null) =>
        new SummaryQueryParser(Options.Create(Defaults), new FakeTimeProvider(Now)).Parse(Request(query, accept));

    [Fact]
    public void Without_parameters_the_last_30_days_up_to_tomorrow_grouped_by_day_as_json()
    {
        var query = Parse("");

        Assert.Equal(new SummaryRange(D("2026-10-25"), D("2026-11-24")), query.Range);
        Assert.Equal(30, query.Range.Days);
        Assert.Equal([Dimension.Day], query.GroupBy);
        Assert.Empty(query.Filter.Values);
        Assert.Equal(SummaryFormat.Json, query.Format);
    }

    [Fact]
    public void Group_by_takes_commas_or_repeats_and_filters_repeat()
    {
        var query = Parse("?from=2026-10-01&to=2026-11-01&groupBy=project,%20week&project=proj_a&project=proj_b&line_item=gpt-4o%2C%20input");

        Assert.Equal([Dimension.Project, Dimension.Week], query.GroupBy);
        Assert.Equal([Dimension.Project, Dimension.Week], Parse("?groupBy=project&groupBy=week").GroupBy);
        Assert.Equal(["proj_a", "proj_b"], query.Filter.For(Dimension.Project)!.Order());
        Assert.Equal(["gpt-4o, input"], query.Filter.For(Dimension.LineItem)!);
    }

    [Theory]
    [InlineData("?format=csv", null)]
    [InlineData("?format=CSV", null)]
    [InlineData("", "text/csv")]
    [InlineData("", "text/html, text/csv;q=0.9")]
    public void Csv_is_chosen_by_format_or_accept(string query, string? accept) =>
        Assert.Equal(SummaryFormat.Csv, Parse(query, accept).Format);

    [Fact]
    public void The_functions_key_parameter_is_ignored() =>
        Assert.Equal(30, Parse("?code=" + new string('k', 5000)).Range.Days);

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-11-31", "to")]
    [InlineData("?from=2026-11-01T00:00:00Z", "from")]
    [InlineData("?from=2026-11-02&to=2026-11-02", "from")]
    [InlineData("?from=2026-11-03&to=2026-11-02", "from")]
    [InlineData("?from=2025-01-01&to=2026-11-01", "to")]
    [InlineData("?from=2026-11-01&from=2026-11-02", "from")]
    [InlineData("?groupBy=user", "groupBy")]
    [InlineData("?groupBy=day,project,model", "groupBy")]
    [InlineData("?groupBy=project,project", "groupBy")]
    [InlineData("?groupBy=day,", "groupBy")]
    [InlineData("?format=xml", "format")]
    [InlineData("?project=", "project")]
    [InlineData("?api_key=%20", "api_key")]
    public void Each_bad_parameter_is_named(string query, string parameter)
    {
        var problem = Assert.Throws<BadParameterException>(() => Parse(query));

        Assert.Equal(parameter, problem.Parameter);
        Assert.Contains(parameter, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_values_are_refused_without_being_echoed()
    {
        var huge = new string('x', 300);

        foreach (var name in new[] { "from", "groupBy", "model", "line_item", "format" })
        {
            var problem = Assert.Throws<BadParameterException>(() => Parse($"?{name}={huge}"));
            Assert.Equal(name, problem.Parameter);
            Assert.DoesNotContain(huge[..50], problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Too_many_filter_values_are_refused()
    {
        var query = string.Join('&', Enumerable.Range(0, 51).Select(i => $"model=m{i}"));

        Assert.Equal("model", Assert.Throws<BadParameterException>(() => Parse("?" + query)).Parameter);
    }

    [Fact]
    public void Problems_become_400_problem_documents_naming_the_parameter()
    {
        var reply = Assert.Throws<BadParameterException>(() => Parse("?groupBy=<script>")).ToReply();

        Assert.Equal(400, reply.StatusCode);
        Assert.StartsWith("application/problem+json", reply.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"parameter\":\"groupBy\"", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", reply.Body, StringComparison.Ordinal);
    }
}
