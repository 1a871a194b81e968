using System.Text.Json;

namespace UsageAlerts.Simulator.Tests.Infrastructure;

/// <summary>Helpers to sum API results the way a client would.</summary>
internal static class ResultSums
{
    public static IEnumerable<JsonElement> Results(this IEnumerable<JsonElement> buckets) =>
        buckets.SelectMany(bucket => bucket.GetProperty("results").EnumerateArray());

    public static string? Text(this JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetString(),
        } : null;

    public static string Key(this JsonElement result, IEnumerable<string> dimensions) =>
        string.Join("|", dimensions.Select(d => result.Text(d) ?? "(none)"));

    public static string Key(this SimUsageRow row, IEnumerable<string> dimensions) =>
        string.Join("|", dimensions.Select(d => row.GetDimension(d) ?? "(none)"));

    public static Dictionary<string, long> SumBy(this IEnumerable<JsonElement> results, IReadOnlyList<string> dimensions, string metric) =>
        results.GroupBy(r => r.Key(dimensions)).ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty(metric).GetInt64()));

    public static Dictionary<string, long> SumBy(this IEnumerable<SimUsageRow> rows, IReadOnlyList<string> dimensions, string metric) =>
        rows.GroupBy(r => r.Key(dimensions)).ToDictionary(g => g.Key, g => g.Sum(r => r.Metrics[metric]));

    public static decimal Amount(this JsonElement costResult) => costResult.GetProperty("amount").GetProperty("value").GetDecimal();
}
