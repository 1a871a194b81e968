using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

public sealed class AggregationTests
{
    private static readonly object[] Sample =
    [
        Usage("2026-11-01", "proj_a", "gpt-4o-2024-08-06", input: 100, output: 10, requests: 2, apiKey: "key_1"),
        Usage("2026-11-01", "proj_b", "gpt-4o-2024-08-06", input: 50, output: 5, requests: 1, apiKey: "key_2"),
        Usage("2026-11-02", "proj_a", "gpt-4o-mini", input: 7, output: 3, requests: 1, apiKey: "key_1"),
        Usage("2026-11-02", "proj_a", "text-embedding-3-small", input: 1000, requests: 4, kind: "embeddings", apiKey: "key_1"),
        Cost("2026-11-01", "proj_a", "gpt-4o-2024-08-06, input", 1.10m, "key_1"),
        Cost("2026-11-01", "proj_a", "gpt-4o-2024-08-06, output", 0.20m, "key_1"),
        Cost("2026-11-01", "proj_b", "gpt-4o-2024-08-06, input", 0.55m, "key_2"),
        Cost("2026-11-02", "proj_a", "evals | gpt-4o-mini, input", 0.01m, "key_1"),
        Cost("2026-11-02", null, "assistants api | file search", 0.30m),
    ];

    [Fact]
    public void Grouping_by_day_sums_usage_and_cost_per_day()
    {
        var groups = Aggregate([Dimension.Day], Sample).ByKey();

        Assert.Equal(2, groups.Count);
        var first = groups[new GroupKey("2026-11-01", null)];
        Assert.Equal(1.85m, first.CostUsd);
        Assert.Equal(150, first.Headline(HeadlineMetric.InputTokens));
        Assert.Equal(3, first.Headline(HeadlineMetric.ModelRequests));
        var second = groups[new GroupKey("2026-11-02", null)];
        Assert.Equal(0.31m, second.CostUsd);
        Assert.Equal(1007, second.Headline(HeadlineMetric.InputTokens));
        Assert.Equal(1000, second.Metric("embeddings", "input_tokens"));
    }

    [Theory]
    [InlineData("project", "proj_a", "1.31", 1107L)]
    [InlineData("project", "proj_b", "0.55", 50L)]
    [InlineData("api_key", "key_1", "1.31", 1107L)]
    [InlineData("model", "gpt-4o-2024-08-06", "1.85", 150L)]
    [InlineData("model", "gpt-4o-mini", "0.01", 7L)]
    [InlineData("line_item", "gpt-4o-2024-08-06, input", "1.65", 0L)]
    public void Grouping_by_each_dimension(string dimension, string value, string cost, long input)
    {
        Assert.True(Dimensions.TryParse(dimension, out var parsed));
        var totals = Aggregate([parsed], Sample).ByKey()[new GroupKey(value, null)];

        Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), totals.CostUsd);
        Assert.Equal(input, totals.Headline(HeadlineMetric.InputTokens));
    }

    [Fact]
    public void Rows_without_a_dimension_value_group_under_null()
    {
        var byModel = Aggregate([Dimension.Model], Sample).ByKey();
        var byLineItem = Aggregate([Dimension.LineItem], Sample).ByKey();

        // The file-search line item is not per model; usage has no line item.
        Assert.Equal(0.30m, byModel[new GroupKey(null, null)].CostUsd);
        Assert.Equal(1157, byLineItem[new GroupKey(null, null)].Headline(HeadlineMetric.InputTokens));
        Assert.Equal(0, byLineItem[new GroupKey(null, null)].CostRows);
    }

    [Fact]
    public void Two_dimensions_at_once_give_one_group_per_pair()
    {
        var groups = Aggregate([Dimension.Project, Dimension.Day], Sample).ByKey();

        Assert.Equal(1.30m, groups[new GroupKey("proj_a", "2026-11-01")].CostUsd);
        Assert.Equal(1007, groups[new GroupKey("proj_a", "2026-11-02")].Headline(HeadlineMetric.InputTokens));
        Assert.Equal(0.55m, groups[new GroupKey("proj_b", "2026-11-01")].CostUsd);
        Assert.Equal(0.30m, groups[new GroupKey(null, "2026-11-02")].CostUsd);
        Assert.Equal(4, groups.Count);
    }

    [Fact]
    public void Group_order_is_by_key_with_null_last()
    {
        var keys = Aggregate([Dimension.Project, Dimension.Day], Sample).Groups().Select(g => (g.Key.First, g.Key.Second)).ToList();

        Assert.Equal([("proj_a", "2026-11-01"), ("proj_a", "2026-11-02"), ("proj_b", "2026-11-01"), (null, "2026-11-02")], keys);
    }

    [Fact]
    public void Totals_add_up_to_the_sum_of_groups()
    {
        var aggregator = Aggregate([Dimension.Model, Dimension.ApiKey], Sample);

        Assert.Equal(aggregator.Groups().Sum(g => g.Value.CostUsd), aggregator.Total.CostUsd);
        Assert.Equal(2.16m, aggregator.Total.CostUsd);
        Assert.Equal(1157, aggregator.Total.Headline(HeadlineMetric.InputTokens));
    }

    [Fact]
    public void Filters_keep_only_matching_rows()
    {
        var project = Aggregate([Dimension.Day], Sample, Filter(Dimension.Project, "proj_b")).Total;
        var key = Aggregate([Dimension.Day], Sample, Filter(Dimension.ApiKey, "key_1", "key_2")).Total;

        Assert.Equal(0.55m, project.CostUsd);
        Assert.Equal(50, project.Headline(HeadlineMetric.InputTokens));
        Assert.Equal(1.86m, key.CostUsd);
    }

    [Fact]
    public void A_model_filter_matches_costs_by_the_model_in_their_line_item()
    {
        var total = Aggregate([Dimension.Day], Sample, Filter(Dimension.Model, "gpt-4o-mini")).Total;

        Assert.Equal(0.01m, total.CostUsd);
        Assert.Equal(7, total.Headline(HeadlineMetric.InputTokens));
    }

    [Fact]
    public void A_line_item_filter_keeps_costs_only()
    {
        var total = Aggregate([Dimension.Day], Sample, Filter(Dimension.LineItem, "gpt-4o-2024-08-06, output")).Total;

        Assert.Equal(0.20m, total.CostUsd);
        Assert.Equal(0, total.UsageRows);
    }

    [Fact]
    public void Costs_from_the_provisional_day_on_are_marked()
    {
        var aggregator = Aggregate([Dimension.Day], Sample, provisionalFrom: "2026-11-02");
        var groups = aggregator.ByKey();

        Assert.Equal("billed", groups[new GroupKey("2026-11-01", null)].CostStatus);
        Assert.Equal("provisional", groups[new GroupKey("2026-11-02", null)].CostStatus);
        Assert.Equal("partly_provisional", aggregator.Total.CostStatus);
        Assert.Equal(0.31m, aggregator.Total.ProvisionalCostUsd);
        Assert.Equal("none", Aggregate([Dimension.Day], [Usage("2026-11-01", "p", "m", 1)]).Total.CostStatus);
    }

    [Fact]
    public void Stored_bytes_are_a_peak_of_daily_totals_not_a_sum()
    {
        object[] rows =
        [
            Metric("2026-11-01", "vector_stores", "proj_a", "usage_bytes", 100),
            Metric("2026-11-01", "vector_stores", "proj_b", "usage_bytes", 50),
            Metric("2026-11-02", "vector_stores", "proj_a", "usage_bytes", 120),
            Metric("2026-11-02", "vector_stores", "proj_b", "usage_bytes", 10),
            Metric("2026-11-02", "code_interpreter_sessions", "proj_a", "num_sessions", 3),
            Metric("2026-11-03", "code_interpreter_sessions", "proj_a", "num_sessions", 4),
        ];

        var total = Aggregate([Dimension.Month], rows).Total;
        var bytes = HeadlineMetric.All.Single(m => m.Column == "vector_store_bytes");
        var sessions = HeadlineMetric.All.Single(m => m.Column == "code_interpreter_sessions");

        Assert.Equal(150, total.Headline(bytes));
        Assert.Equal(7, total.Headline(sessions));
    }

    [Fact]
    public void Web_search_model_requests_are_not_counted_twice()
    {
        object[] rows =
        [
            Usage("2026-11-01", "p", "gpt-4o", 10, requests: 5),
            new UsageRecord(Periods.Midnight(D("2026-11-01")), "web_search_calls", "p", "gpt-4o", null, [new("num_requests", 3), new("num_model_requests", 3)]),
        ];

        var total = Aggregate([Dimension.Day], rows).Total;

        Assert.Equal(5, total.Headline(HeadlineMetric.ModelRequests));
        Assert.Equal(3, total.Headline(HeadlineMetric.All.Single(m => m.Column == "web_search_calls")));
        Assert.Equal(3, total.ByKind()["web_search_calls"]["num_model_requests"]);
    }

    [Fact]
    public void Cache_writes_have_their_own_column_summed_over_completions_only()
    {
        object[] rows =
        [
            new UsageRecord(Periods.Midnight(D("2026-11-01")), "completions", "p", "gpt-5", "k", [new("input_tokens", 100), new("input_cache_write_tokens", 25)]),
            new UsageRecord(Periods.Midnight(D("2026-11-02")), "completions", "p", "gpt-5", "k", [new("input_tokens", 50), new("input_cache_write_tokens", 5)]),
            new UsageRecord(Periods.Midnight(D("2026-11-02")), "embeddings", "p", "e", "k", [new("input_tokens", 9), new("input_cache_write_tokens", 1000)]),
        ];

        var total = Aggregate([Dimension.Day], rows).Total;

        Assert.Equal(30, total.Headline(HeadlineMetric.All.Single(m => m.Column == "input_cache_write_tokens")));
        Assert.Equal(30, total.ByKind()["completions"]["input_cache_write_tokens"]);
    }

    [Fact]
    public void Cents_stay_exact_over_many_rows()
    {
        var rows = Enumerable.Range(0, 10_000).Select(i => (object)Cost("2026-11-01", "p", "x, input", 0.0001m)).ToList();

        Assert.Equal(1.0000m, Aggregate([Dimension.Day], rows).Total.CostUsd);
    }

    [Fact]
    public void Too_many_groups_stop_the_request()
    {
        var aggregator = new SummaryAggregator([Dimension.ApiKey], SummaryFilter.None, D("2030-01-01"), 100);

        Assert.Throws<TooManyGroupsException>(() =>
        {
            for (var i = 0; i < 101; i++)
            {
                aggregator.Add(Cost("2026-11-01", "p", "x", 1m, $"key_{i}"));
            }
        });
    }
}
