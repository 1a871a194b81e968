using System.Text;
using System.Text.Json;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Tests.OpenAi;

/// <summary>A whole page read through <see cref="BucketPageReader{T}"/>, as the client reads a response body.</summary>
internal sealed record PageRead<T>(List<Bucket<T>> Buckets, bool HasMore, string? NextPage)
{
    public int SkippedResults => Buckets.Sum(b => b.SkippedResults);

    public IReadOnlySet<string> OrganizationIds => Buckets.SelectMany(b => b.OrganizationIds).ToHashSet(StringComparer.Ordinal);
}

internal static class PageReading
{
    public static Task<PageRead<UsageResult>> UsageAsync(string json, string endpoint = "organization/usage/completions", int chunk = 7) =>
        ReadAsync(json, endpoint, OpenAiPageParser.ParseUsageResult, chunk);

    public static Task<PageRead<CostResult>> CostsAsync(string json, string endpoint = "organization/costs", int chunk = 7) =>
        ReadAsync(json, endpoint, OpenAiPageParser.ParseCostResult, chunk);

    /// <summary>The body arrives <paramref name="chunk"/> bytes at a time, so units cross every buffer boundary.</summary>
    public static async Task<PageRead<T>> ReadAsync<T>(string json, string endpoint, Func<JsonElement, string, T?> parse, int chunk)
        where T : class
    {
        await using var body = new TrickleStream(Encoding.UTF8.GetBytes(json), chunk);
        var reader = new BucketPageReader<T>(body, endpoint, result => parse(result, endpoint));
        var buckets = new List<Bucket<T>>();
        await foreach (var bucket in reader.ReadAsync(default))
        {
            buckets.Add(bucket);
        }

        return new PageRead<T>(buckets, reader.HasMore, reader.NextPage);
    }

    /// <summary>Reads at most a few bytes per call, like a slow network.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
