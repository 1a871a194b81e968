using System.Net;
using System.Text.Json;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

/// <summary><c>/api/summary</c> over real HTTP and Azurite, checked against sums of the generated ground truth.</summary>
[Collection(SeededStorageGroup.Name)]
public sealed class SummaryRouteTests(SeededStorage storage)
{
    private SeededOrganization Truth => storage.Organization;

    private async Task<JsonElement> GetJsonAsync(string query)
    {
        using var response = await storage.Host.Client.GetAsync("/api/summary" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(SummariesHost.AdminKey, body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Dictionary<string, JsonElement> GroupsBy(JsonElement document, Func<JsonElement, string> key) =>
        document.GetProperty("groups").EnumerateArray().ToDictionary(key, g => g);

    private static string Key(JsonElement group, string dimension) =>
        group.GetProperty("key").GetProperty(dimension) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : "(null)";

    [Fact]
    public async Task Cost_and_tokens_by_project_match_the_ground_truth_exactly()
    {
        var document = await GetJsonAsync("?from=2026-11-01&to=2026-11-24&groupBy=project");
        var range = new SummaryRange(D("2026-11-01"), D("2026-11-24"));

        var groups = GroupsBy(document, g => Key(g, "project"));
        var expectedCost = Truth.Costs.Where(c => range.Contains(c.Day)).GroupBy(c => c.Project ?? "(null)").ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var expectedInput = Truth.Usage.Where(u => range.Contains(u.Day)).GroupBy(u => u.Project).ToDictionary(g => g.Key, g => g.Sum(u => u.Metrics.GetValueOrDefault("input_tokens")));
        Assert.Equal(expectedCost.Keys.Order(), groups.Keys.Order());
        foreach (var (project, group) in groups)
        {
            Assert.Equal(expectedCost[project], group.GetProperty("costUsd").GetDecimal());
            Assert.Equal(expectedInput.GetValueOrDefault(project), group.GetProperty("metrics").GetProperty("input_tokens").GetInt64());
        }

        Assert.Equal("Alpha, \"Inc\"", groups["proj_alpha"].GetProperty("projectName").GetString());
        Assert.Equal(expectedCost.Values.Sum(), document.GetProperty("total").GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public async Task Day_by_model_with_filters_matches_the_ground_truth()
    {
        var document = await GetJsonAsync("?from=2026-10-01&to=2026-10-15&groupBy=day,model&project=proj_alpha&model=o3&model=gpt-4o-2024-08-06");
        var range = new SummaryRange(D("2026-10-01"), D("2026-10-15"));
        string[] models = ["o3", "gpt-4o-2024-08-06"];

        var groups = GroupsBy(document, g => Key(g, "day") + "/" + Key(g, "model"));
        var cost = Truth.Costs.Where(c => range.Contains(c.Day) && c.Project == "proj_alpha" && models.Contains(LineItems.ModelOf(c.LineItem)))
            .GroupBy(c => Periods.Format(c.Day) + "/" + LineItems.ModelOf(c.LineItem)).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var output = Truth.Usage.Where(u => range.Contains(u.Day) && u.Project == "proj_alpha" && models.Contains(u.Model))
            .GroupBy(u => Periods.Format(u.Day) + "/" + u.Model).ToDictionary(g => g.Key, g => g.Sum(u => u.Metrics["output_tokens"]));
        Assert.Equal(cost.Keys.Order(), groups.Keys.Order());
        foreach (var (key, group) in groups)
        {
            Assert.Equal(cost[key], group.GetProperty("costUsd").GetDecimal());
            Assert.Equal(output[key], group.GetProperty("metrics").GetProperty("output_tokens").GetInt64());
        }

        Assert.Contains(document.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("read from its line item", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("week")]
    [InlineData("month")]
    public async Task Periods_group_across_boundaries_like_the_ground_truth(string period)
    {
        var document = await GetJsonAsync($"?from=2026-09-25&to=2026-11-24&groupBy={period}");
        Assert.True(Dimensions.TryParse(period, out var dimension));

        var expected = Truth.Costs.GroupBy(c => Periods.Format(Periods.StartOf(c.Day, dimension))).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var groups = GroupsBy(document, g => Key(g, period));
        Assert.Equal(expected.Keys.Order(), groups.Keys.Order());
        Assert.All(groups, g => Assert.Equal(expected[g.Key], g.Value.GetProperty("costUsd").GetDecimal()));
    }

    [Fact]
    public async Task Today_is_provisional_and_earlier_days_billed()
    {
        var document = await GetJsonAsync("?from=2026-11-22&to=2026-11-24");

        var groups = GroupsBy(document, g => Key(g, "day"));
        Assert.Equal("billed", groups["2026-11-22"].GetProperty("costStatus").GetString());
        Assert.Equal("provisional", groups["2026-11-23"].GetProperty("costStatus").GetString());
        Assert.Equal(
            Truth.Costs.Where(c => c.Day == SeededOrganization.Today).Sum(c => c.Amount),
            groups["2026-11-23"].GetProperty("costProvisionalUsd").GetDecimal());
        Assert.Equal("2026-11-23", document.GetProperty("provisionalFrom").GetString());
    }

    [Fact]
    public async Task Without_parameters_the_last_30_days_by_day()
    {
        var document = await GetJsonAsync("");

        Assert.Equal("2026-10-25", document.GetProperty("from").GetString());
        Assert.Equal("2026-11-24", document.GetProperty("to").GetString());
        Assert.Equal(30, document.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Every_stored_metric_reaches_json_and_levels_are_peaks()
    {
        var document = await GetJsonAsync("?from=2026-11-01&to=2026-11-08&groupBy=project");
        var range = new SummaryRange(D("2026-11-01"), D("2026-11-08"));

        var total = document.GetProperty("total");
        Assert.Equal(
            Truth.Usage.Where(u => range.Contains(u.Day)).Sum(u => u.Metrics.GetValueOrDefault("input_uncached_tokens")),
            total.GetProperty("usage").GetProperty("completions").GetProperty("input_uncached_tokens").GetInt64());
        Assert.Equal(
            Truth.Usage.Where(u => range.Contains(u.Day) && u.Kind == "vector_stores").GroupBy(u => u.Day).Max(g => g.Sum(u => u.Metrics["usage_bytes"])),
            total.GetProperty("metrics").GetProperty("vector_store_bytes").GetInt64());
    }

    [Fact]
    public async Task Only_the_range_is_read_one_pack_per_stream_and_day()
    {
        var packed = await GetJsonAsync("?from=2026-11-01&to=2026-11-08&groupBy=project");
        var straddling = await GetJsonAsync("?from=2026-10-08&to=2026-10-12&groupBy=project");

        // Four streams hold data: completions, embeddings, vector stores and costs.
        Assert.Equal(7 * 4, packed.GetProperty("rowsRead").GetInt64());
        Assert.Equal(DailyReads(new SummaryRange(D("2026-10-08"), D("2026-10-12")), _ => true), straddling.GetProperty("rowsRead").GetInt64());
        Assert.Equal(
            Truth.Costs.Where(c => c.Day >= D("2026-10-08") && c.Day < D("2026-10-12")).Sum(c => c.Amount),
            straddling.GetProperty("total").GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public async Task Csv_has_the_same_numbers_and_round_trips_hostile_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/summary?from=2026-11-01&to=2026-11-24&groupBy=project,api_key");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await storage.Host.Client.SendAsync(request);
        var json = await GetJsonAsync("?from=2026-11-01&to=2026-11-24&groupBy=project,api_key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("usage-summary_2026-11-01_2026-11-24.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var rows = Csv.Parse((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var header = rows[0];
        Assert.Equal(["project_id", "project_name", "api_key_id", "cost_usd"], header.Take(4));
        Assert.Equal(json.GetProperty("groups").GetArrayLength(), rows.Count - 1);
        foreach (var group in json.GetProperty("groups").EnumerateArray())
        {
            var project = group.GetProperty("key").GetProperty("project").GetString() ?? "";
            var key = group.GetProperty("key").GetProperty("api_key").GetString() ?? "";
            var row = rows.Single(r => r[0] == project && r[2] == key);
            Assert.Equal(group.GetProperty("costUsd").GetDecimal(), decimal.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(group.GetProperty("metrics").GetProperty("model_requests").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), row[header.IndexOf("model_requests")]);
        }

        Assert.Contains(rows, r => r[1] == "Gamma\nsecond line");
        Assert.Contains(rows, r => r[1] == "Alpha, \"Inc\"");
    }

    [Theory]
    [InlineData("?from=2026-02-30", "from")]
    [InlineData("?from=2026-11-10&to=2026-11-01", "from")]
    [InlineData("?from=2024-01-01&to=2026-01-01", "to")]
    [InlineData("?groupBy=day,project,model", "groupBy")]
    [InlineData("?groupBy=colour", "groupBy")]
    [InlineData("?format=pdf", "format")]
    public async Task Bad_parameters_get_a_problem_document_naming_them(string query, string parameter)
    {
        using var response = await storage.Host.Client.GetAsync("/api/summary" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/summary?groupBy=project,api_key")]
    [InlineData("/api/summary?format=csv&groupBy=project")]
    [InlineData("/api/summary?from=bad")]
    [InlineData("/api/rate-limits")]
    [InlineData("/api/rate-limits?minutes=x")]
    [InlineData("/api/dashboard")]
    [InlineData("/api/dashboard?stack=nope")]
    public async Task No_response_reveals_the_admin_key(string path)
    {
        using var response = await storage.Host.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(SummariesHost.AdminKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sealed_months_are_read_as_one_pack_per_stream_with_the_same_numbers()
    {
        const string query = "?from=2026-10-01&to=2026-11-15&groupBy=project,model";
        var range = new SummaryRange(D("2026-10-01"), D("2026-11-15"));
        var october = new SummaryRange(D("2026-10-01"), D("2026-11-01"));
        var first = await GetJsonAsync(query);
        var again = await GetJsonAsync(query);
        var daily = await GetJsonAsync("?from=2026-10-01&to=2026-11-15&groupBy=day");

        var expectedCost = Truth.Costs.Where(c => range.Contains(c.Day)).GroupBy(c => (c.Project ?? "(null)") + "/" + (LineItems.ModelOf(c.LineItem) ?? "(null)")).ToDictionary(g => g.Key, g => g.Sum(c => c.Amount));
        var expectedInput = Truth.Usage.Where(u => range.Contains(u.Day)).GroupBy(u => u.Project + "/" + (u.Model ?? "(null)")).ToDictionary(g => g.Key, g => g.Sum(u => u.Metrics.GetValueOrDefault("input_tokens")));
        foreach (var document in new[] { first, again })
        {
            var groups = GroupsBy(document, g => Key(g, "project") + "/" + Key(g, "model"));
            Assert.Equal(expectedCost.Keys.Union(expectedInput.Keys).Order(), groups.Keys.Order());
            Assert.All(groups, g => Assert.Equal(expectedCost.GetValueOrDefault(g.Key), g.Value.TryGetProperty("costUsd", out var cost) ? cost.GetDecimal() : 0m));
            Assert.All(groups, g => Assert.Equal(expectedInput.GetValueOrDefault(g.Key), g.Value.GetProperty("metrics").GetProperty("input_tokens").GetInt64()));
        }

        // The first request builds October's month packs from its days (day packs, and daily rows before PackedFrom);
        // then October is one entity per summable stream. Vector stores (a level) and November stay daily.
        var november = new SummaryRange(D("2026-11-01"), D("2026-11-15"));
        Assert.Equal(DailyReads(range, _ => true), first.GetProperty("rowsRead").GetInt64());
        Assert.Equal(10 + DailyReads(november, k => k != "vector_stores") + DailyReads(range, k => k == "vector_stores"), again.GetProperty("rowsRead").GetInt64());
        Assert.Equal(10, first.GetProperty("rollupMonths").GetInt32());
        Assert.Equal(0, daily.GetProperty("rollupMonths").GetInt32());
        Assert.Equal(DailyReads(range, _ => true), daily.GetProperty("rowsRead").GetInt64());
        Assert.Equal(daily.GetProperty("total").GetProperty("costUsd").GetDecimal(), first.GetProperty("total").GetProperty("costUsd").GetDecimal());
    }

    /// <summary>
    /// Entities a read of these days takes, per daily stream with data (costs are the stream named null): one pack a
    /// day from <see cref="SeededOrganization.PackedFrom"/>, every row of the day before it.
    /// </summary>
    private long DailyReads(SummaryRange days, Func<string?, bool> stream) =>
        Truth.Usage.Where(u => days.Contains(u.Day) && stream(u.Kind)).GroupBy(u => (u.Kind, u.Day)).Sum(g => g.Key.Day >= SeededOrganization.PackedFrom ? 1 : g.Count())
        + (stream(null) ? Truth.Costs.Where(c => days.Contains(c.Day)).GroupBy(c => c.Day).Sum(g => g.Key >= SeededOrganization.PackedFrom ? 1 : g.Count()) : 0);

    [Fact]
    public async Task Months_that_may_still_change_are_never_rolled_up()
    {
        var november = await GetJsonAsync("?from=2026-11-01&to=2026-12-01&groupBy=project");

        Assert.Equal(0, november.GetProperty("rollupMonths").GetInt32());
    }
}
