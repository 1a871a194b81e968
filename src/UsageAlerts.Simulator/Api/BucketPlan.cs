using System.Buffers.Binary;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// The buckets of one page, in Unix seconds. Buckets align to UTC multiples of the width, except that the first
/// starts at start_time and the last ends at end_time, or at "now" when end_time is absent or later.
/// </summary>
internal sealed record BucketPlan(IReadOnlyList<(long Start, long End)> Buckets, long PageStart, long? NextStart)
{
    public static BucketPlan Create(long startTime, long? endTime, long now, long width, int limit, string? page)
    {
        var end = Math.Min(endTime ?? now, now);
        var pageStart = page is null ? startTime : PageCursor.Decode(page, startTime, width);
        var buckets = new List<(long, long)>();
        var start = pageStart;
        while (start < end && buckets.Count < limit)
        {
            var bucketEnd = Math.Min((start / width + 1) * width, end);
            buckets.Add((start, bucketEnd));
            start = bucketEnd;
        }

        return new BucketPlan(buckets, pageStart, start < end ? start : null);
    }
}

/// <summary>Opaque page cursors like OpenAI's (<c>page_</c> + base64): the next bucket start and a nonce.</summary>
internal static class PageCursor
{
    private const string Prefix = "page_";

    public static string Encode(long start, uint nonce)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, start);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[8..], nonce);
        return Prefix + Convert.ToBase64String(bytes);
    }

    /// <summary>A cursor is valid for the query that produced it: at or after start_time, on a bucket boundary.</summary>
    public static long Decode(string cursor, long startTime, long width)
    {
        Span<byte> bytes = stackalloc byte[12];
        if (cursor.StartsWith(Prefix, StringComparison.Ordinal) &&
            Convert.TryFromBase64String(cursor[Prefix.Length..], bytes, out var written) && written == 12)
        {
            var start = BinaryPrimitives.ReadInt64BigEndian(bytes);
            if (start == startTime || (start > startTime && start % width == 0))
            {
                return start;
            }
        }

        throw new InvalidRequestException("page", $"Invalid page cursor '{cursor}' for this query.");
    }
}
