using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Bench;

/// <summary>
/// "Cost per day by line item, 30 days", answered two ways against the same simulator: the route (the summary,
/// from what ingestion stored) and the way the OpenAI cookbook's usage-API notebook does it: GET
/// <c>/v1/organization/costs</c> with <c>bucket_width=1d</c> and <c>group_by=line_item</c>, follow <c>next_page</c>
/// while <c>has_more</c>, flatten every result into a row (day, line item, amount) and sum per day and line item.
/// Checks both give the same amounts to the cent and prints the time of each and their ratio.
/// Usage: scripts/bench notebook [--size small|medium|PxM] [--repeats 11] [--limit 30]
/// </summary>
internal static class NotebookBaseline
{
    private const int Days = 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length)
            .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
        var size = OrgSize.Parse(options.GetValueOrDefault("size", "small")).Single();
        var repeats = int.Parse(options.GetValueOrDefault("repeats", "11"), CultureInfo.InvariantCulture);
        var limit = int.Parse(options.GetValueOrDefault("limit", "30"), CultureInfo.InvariantCulture);

        using var simulator = await SimulatorProcess.StartAsync(size, Days + 5);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = IngestionBenchmark.StorageConnection(),
            ["Storage:TablePrefix"] = "notebook" + Guid.NewGuid().ToString("N")[..8],
            ["OpenAI:BaseUrl"] = new Uri(simulator.BaseAddress, "v1/").ToString(),
            ["Secrets:OpenAiAdminKey"] = new SimulatorOptions().AdminKey,
            ["Ingestion:BackfillDays"] = (Days + 2).ToString(CultureInfo.InvariantCulture),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
        var jobs = services.GetRequiredService<ScheduledJobs>();
        foreach (var job in new[] { JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts })
        {
            await jobs.RunAsync(job);
        }

        // The last 30 whole UTC days: both answers are final there.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = new SummaryRange(today.AddDays(-Days), today);
        var summaries = services.GetRequiredService<SummaryService>();
        var query = new SummaryQuery(range, [Dimension.Day, Dimension.LineItem], SummaryFilter.None, SummaryFormat.Json);
        async Task<Dictionary<(string, string), decimal>> RouteAsync()
        {
            var document = await summaries.SummarizeAsync(query, default);
            return SummaryDocumentCosts(document);
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new SimulatorOptions().AdminKey);
        var costsUrl = new Uri(simulator.BaseAddress, "v1/organization/costs");
        Task<(Dictionary<(string, string), decimal> Totals, int Pages)> NotebookAsync() => NotebookWayAsync(http, costsUrl, range, limit);

        var (route, routeMs) = await TimeAsync(RouteAsync, repeats);
        var ((notebook, pages), notebookMs) = await TimeAsync(NotebookAsync, repeats);

        var cents = (decimal d) => Math.Round(d, 2, MidpointRounding.AwayFromZero);
        var mismatches = route.Keys.Union(notebook.Keys)
            .Where(k => cents(route.GetValueOrDefault(k)) != cents(notebook.GetValueOrDefault(k))).ToList();
        Console.WriteLine($"organization: {size.Name} ({size.Projects} projects x {size.Models} models); cost per day by line item, {Periods.Format(range.From)} to {Periods.Format(range.To.AddDays(-1))}");
        Console.WriteLine($"groups: route {route.Count:N0}, notebook way {notebook.Count:N0} ({pages} page(s) of at most {limit} days); differing at the cent: {mismatches.Count}; total route ${route.Values.Sum():N2}, notebook way ${notebook.Values.Sum():N2}");
        foreach (var (day, item) in mismatches.Take(5))
        {
            Console.WriteLine($"  differs: {day} {item}: route {route.GetValueOrDefault((day, item))}, notebook way {notebook.GetValueOrDefault((day, item))}");
        }

        Console.WriteLine($"{"way",-14} {"first ms",9} {"p50 ms",8} {"p95 ms",8}");
        Console.WriteLine($"{"route",-14} {routeMs.FirstMs,9:N1} {routeMs.P50Ms,8:N1} {routeMs.P95Ms,8:N1}");
        Console.WriteLine($"{"notebook way",-14} {notebookMs.FirstMs,9:N1} {notebookMs.P50Ms,8:N1} {notebookMs.P95Ms,8:N1}");
        Console.WriteLine($"notebook way / route at p50: {notebookMs.P50Ms / routeMs.P50Ms:N2} (above 1: the route is faster; the simulator answers on loopback in milliseconds, OpenAI's API does not)");
        return mismatches.Count == 0 ? 0 : 1;
    }

    /// <summary>Cost per (day, line item) from the summary document, as the route serves it (groups with no cost left out).</summary>
    private static Dictionary<(string, string), decimal> SummaryDocumentCosts(SummaryDocument document) =>
        document.Groups.Where(g => g.CostUsd is not null && g.Key!["line_item"] is not null)
            .ToDictionary(g => (g.Key!["day"]!, g.Key!["line_item"]!), g => g.CostUsd!.Value);

    /// <summary>The notebook's loop: page after page, every result kept as a row, then a group-by-and-sum.</summary>
    private static async Task<(Dictionary<(string, string), decimal>, int)> NotebookWayAsync(HttpClient http, Uri url, SummaryRange range, int limit)
    {
        var rows = new List<(string Day, string LineItem, decimal Amount)>();
        string? page = null;
        var pages = 0;
        do
        {
            var address = string.Create(CultureInfo.InvariantCulture,
                $"{url}?start_time={Periods.Midnight(range.From).ToUnixTimeSeconds()}&end_time={Periods.Midnight(range.To).ToUnixTimeSeconds()}&bucket_width=1d&group_by=line_item&limit={limit}")
                + (page is null ? "" : "&page=" + Uri.EscapeDataString(page));
            using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(address)));
            pages++;
            foreach (var bucket in json.RootElement.GetProperty("data").EnumerateArray())
            {
                var day = Periods.Format(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(bucket.GetProperty("start_time").GetInt64()).UtcDateTime));
                foreach (var result in bucket.GetProperty("results").EnumerateArray())
                {
                    // A result without an amount (the live API adds one for quantity-only line items) sums as nothing,
                    // as pandas' sum skips NaN.
                    if (result.TryGetProperty("amount", out var amount) && amount.ValueKind == JsonValueKind.Object
                        && amount.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        rows.Add((day, result.GetProperty("line_item").GetString() ?? "", Amount(value)));
                    }
                }
            }

            page = json.RootElement.GetProperty("has_more").GetBoolean() ? json.RootElement.GetProperty("next_page").GetString() : null;
        }
        while (page is not null);

        return (rows.GroupBy(r => (r.Day, r.LineItem)).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount)), pages);
    }

    /// <summary>The API sends amounts as numbers or as decimal strings; the notebook converts either.</summary>
    private static decimal Amount(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : value.GetDecimal();

    private static async Task<(T Result, Measurement Times)> TimeAsync<T>(Func<Task<T>> run, int repeats)
    {
        var times = new List<double>();
        T result = default!;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var rest = times.Skip(1).Order().ToList();
        double At(double p) => rest[Math.Clamp((int)Math.Ceiling(p * rest.Count) - 1, 0, rest.Count - 1)];
        return (result, new Measurement(times[0], At(0.5), At(0.95), 0));
    }
}
