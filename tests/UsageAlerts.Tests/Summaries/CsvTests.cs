using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_only_when_needed(string value, string expected) =>
        Assert.Equal(expected + "\r\n", new CsvWriter().Text(value).EndRow().ToString());

    [Theory]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("+1")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_defused(string value) =>
        Assert.StartsWith("'", Csv.Parse(new CsvWriter().Text(value).EndRow().ToString())[0][0], StringComparison.Ordinal);

    [Fact]
    public void Negative_numbers_stay_numbers() =>
        Assert.Equal("-2.5,7\r\n", new CsvWriter().Number(-2.5m).Number(7).EndRow().ToString());

    [Fact]
    public void A_summary_round_trips_through_an_rfc4180_reader_with_hostile_names()
    {
        const string hostile = "Ops, \"Team\" <A&B>\nsecond line";
        var query = new SummaryQuery(new SummaryRange(D("2026-11-01"), D("2026-11-03")), [Dimension.Project, Dimension.LineItem], SummaryFilter.None, SummaryFormat.Csv);
        var aggregator = Aggregate(query.GroupBy,
        [
            Cost("2026-11-01", "proj_a", "gpt-4o, input", 1.25m),
            Cost("2026-11-02", "proj_a", "gpt-4o, input", 0.000001m),
            Usage("2026-11-01", "proj_a", "gpt-4o", 10, 20, 3),
        ], provisionalFrom: "2026-11-02");
        var document = SummaryDocumentBuilder.Build(query, aggregator, new Dictionary<string, string> { ["proj_a"] = hostile }, D("2026-11-02"), DateTimeOffset.UnixEpoch, new ReadResult(3, 0));

        var text = SummaryCsv.Render(document, query.GroupBy);
        var rows = Csv.Parse(text.TrimStart('\uFEFF'));

        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.Equal(SummaryCsv.Columns(query.GroupBy), rows[0]);
        Assert.Equal(["project_id", "project_name", "line_item", "cost_usd", "cost_provisional_usd", "cost_status", "input_tokens"], rows[0].Take(7));
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        var costRow = rows.Single(r => r[2] == "gpt-4o, input");
        Assert.Equal(hostile, costRow[1]);
        Assert.Equal("1.250001", costRow[3]);
        Assert.Equal("0.000001", costRow[4]);
        Assert.Equal("partly_provisional", costRow[5]);
        var usageRow = rows.Single(r => r[2] == "");
        Assert.Equal("", usageRow[3]);
        Assert.Equal("none", usageRow[5]);
        Assert.Equal("10", usageRow[rows[0].IndexOf("input_tokens")]);
        Assert.Equal("20", usageRow[rows[0].IndexOf("output_tokens")]);
        Assert.Equal("3", usageRow[rows[0].IndexOf("model_requests")]);
    }

    [Fact]
    public void Column_names_do_not_depend_on_the_data()
    {
        var query = new SummaryQuery(new SummaryRange(D("2026-11-01"), D("2026-11-02")), [Dimension.Day], SummaryFilter.None, SummaryFormat.Csv);
        var empty = SummaryDocumentBuilder.Build(query, Aggregate(query.GroupBy, []), new Dictionary<string, string>(), D("2026-11-02"), DateTimeOffset.UnixEpoch, new ReadResult(0, 0));

        var rows = Csv.Parse(SummaryCsv.Render(empty, query.GroupBy).TrimStart('\uFEFF'));

        var header = Assert.Single(rows);
        Assert.Equal(
            "day,cost_usd,cost_provisional_usd,cost_status,input_tokens,output_tokens,input_cached_tokens,input_audio_tokens,output_audio_tokens,model_requests,images,audio_characters,audio_seconds,vector_store_bytes,code_interpreter_sessions,file_search_calls,web_search_calls,input_cache_write_tokens,input_uncached_tokens,input_image_tokens,output_image_tokens,cost_estimated_usd",
            string.Join(',', header));
    }
}
