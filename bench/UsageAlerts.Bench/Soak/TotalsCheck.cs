using UsageAlerts.Simulator;
using UsageAlerts.Storage;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// Stored data against the simulator's truth, exactly: costs per day, project, line item and API key to the last
/// decimal; completions and embeddings tokens and requests per day, project and model; completions per hour for the
/// last full day. Only closed buckets: today's keep growing after the last poll.
/// </summary>
internal static class TotalsCheck
{
    private const int Days = 28;

    public static async Task RunAsync(SimulatedOrganization truth, CostReader costs, UsageReader usage, DateTimeOffset start, DateTimeOffset end, SoakLedger ledger)
    {
        var today = new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        var from = today.AddDays(-Days);
        var stored = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var row in costs.ReadAsync(from, today, default))
        {
            var key = $"{row.Day:yyyy-MM-dd}|{row.ProjectId}|{row.LineItem}|{row.ApiKeyId}";
            stored[key] = stored.GetValueOrDefault(key) + row.AmountUsd;
        }

        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var day = from; day < today; day = day.AddDays(1))
        {
            foreach (var row in truth.Costs(day, day.AddDays(1)))
            {
                var key = $"{day:yyyy-MM-dd}|{row.ProjectId}|{row.LineItem}|{row.ApiKeyId}";
                expected[key] = expected.GetValueOrDefault(key) + row.AmountUsd;
            }
        }

        Compare($"costs per day, project, line item and key over {Days} days", expected, stored, ledger);
        foreach (var kind in new[] { "completions", "embeddings" })
        {
            await UsageAsync(truth, usage, kind, "1d", from, today, TimeSpan.FromDays(1), ledger);
        }

        var hour = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        await UsageAsync(truth, usage, "completions", "1h", hour.AddHours(-24), hour, TimeSpan.FromHours(1), ledger);
    }

    private static async Task UsageAsync(SimulatedOrganization truth, UsageReader usage, string kind, string width, DateTimeOffset from, DateTimeOffset to, TimeSpan step, SoakLedger ledger)
    {
        var stored = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var row in usage.ReadAsync($"{kind}.{width}", from, to, projects: null, default))
        {
            Add(stored, $"{row.Start:yyyy-MM-ddTHH}|{row.ProjectId}|{row.Model}", row.InputTokens, row.OutputTokens, row.Requests);
        }

        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var bucket = from; bucket < to; bucket += step)
        {
            foreach (var row in truth.Usage(kind, bucket, bucket + step))
            {
                Add(expected, $"{bucket:yyyy-MM-ddTHH}|{row.ProjectId}|{row.Model}", row.Metrics.GetValueOrDefault("input_tokens"), row.Metrics.GetValueOrDefault("output_tokens"), row.Metrics.GetValueOrDefault("num_model_requests"));
            }
        }

        Compare($"{kind}.{width} input/output tokens and requests per bucket, project and model from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm}", expected, stored, ledger);
    }

    private static void Add(Dictionary<string, decimal> totals, string key, long input, long output, long requests)
    {
        totals[key + "|input"] = totals.GetValueOrDefault(key + "|input") + input;
        totals[key + "|output"] = totals.GetValueOrDefault(key + "|output") + output;
        totals[key + "|requests"] = totals.GetValueOrDefault(key + "|requests") + requests;
    }

    /// <summary>Zero-valued groups are the same as absent ones: the API omits empty results.</summary>
    private static void Compare(string what, Dictionary<string, decimal> expected, Dictionary<string, decimal> stored, SoakLedger ledger)
    {
        var wrong = expected.Keys.Union(stored.Keys, StringComparer.Ordinal)
            .Where(k => expected.GetValueOrDefault(k) != stored.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal).ToList();
        ledger.Checked.Add($"{what}: {expected.Count} values, total {expected.Values.Sum()} (stored {stored.Values.Sum()}), {wrong.Count} differ");
        if (wrong.Count > 0)
        {
            var examples = wrong.Take(5).Select(k => $"{k}: truth {expected.GetValueOrDefault(k)}, stored {stored.GetValueOrDefault(k)}");
            ledger.Violation($"stored {what} differ from the truth in {wrong.Count} values, e.g. {string.Join("; ", examples)}");
        }
    }
}
