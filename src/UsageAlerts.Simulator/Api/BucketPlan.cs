using System.Buffers.Binary;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// The buckets of one page, in Unix seconds. Buckets align to UTC multiples of the width. The first starts at
/// start_time, or at the boundary before it when <paramref name="AlignFirst"/> (live costs start at midnight). The last
/// ends at end_time, or at "now" when end_time is absent or later; with <paramref name="WholeLast"/> an open-ended
/// read's last bucket is whole instead, ending after "now" (the live API's current day keeps growing until it closes).
/// </summary>
internal readonly record struct BucketShape(bool AlignFirst, bool WholeLast);

/// <summary>The buckets of one page and where the next page starts.</summary>
internal sealed record BucketPlan(IReadOnlyList<(long Start, long End)> Buckets, long PageStart, long? NextStart)
{
    public static BucketPlan Create(long startTime, long? endTime, long now, long width, int limit, string? page, BucketShape shape = default)
    {
        var end = Math.Min(endTime ?? now, now);
        var first = shape.AlignFirst ? startTime / width * width : startTime;
        var pageStart = page is null ? first : PageCursor.Decode(page, first, width);
        var buckets = new List<(long, long)>();
        var start = pageStart;
        var wholeLast = shape.WholeLast && endTime is null;
        while (start < end && buckets.Count < limit)
        {
            var boundary = (start / width + 1) * width;
            var bucketEnd = wholeLast ? boundary : Math.Min(boundary, end);
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
