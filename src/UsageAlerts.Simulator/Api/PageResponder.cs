using System.Text.Json;
using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// Writes a usage or costs page — <c>{"object":"page","data":[buckets],"has_more","next_page"}</c> — and applies
/// the page-shaping faults to it.
/// </summary>
internal static class PageResponder
{
    public static JsonBody Respond(
        BucketPlan plan,
        string? requestCursor,
        FaultRule? fault,
        uint nonce,
        Func<IReadOnlyList<MinuteRange>, Action<Utf8JsonWriter>[]> results)
    {
        var buckets = plan.Buckets;
        var nextPage = plan.NextStart is { } next ? PageCursor.Encode(next, 0) : null;
        var hasMore = nextPage is not null;
        switch (fault?.Kind)
        {
            case FaultKind.HasMoreWithoutCursor:
                (hasMore, nextPage) = (true, null);
                break;
            case FaultKind.RepeatedCursor:
                (hasMore, nextPage) = (true, requestCursor ?? PageCursor.Encode(plan.PageStart, 0));
                break;
            case FaultKind.EmptyPageHasMore:
                (buckets, hasMore, nextPage) = ([], true, PageCursor.Encode(plan.PageStart, nonce));
                break;
        }

        var withData = fault?.Kind != FaultKind.MissingData;
        var writers = withData && buckets.Count > 0
            ? results([.. buckets.Select(b => new MinuteRange(Timeline.CeilingMinute(b.Start), Timeline.CeilingMinute(b.End)))])
            : [];
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "page");
            if (withData)
            {
                writer.WriteStartArray("data");
                for (var i = 0; i < buckets.Count; i++)
                {
                    writer.WriteStartObject();
                    writer.WriteString("object", "bucket");
                    writer.WriteNumber("start_time", buckets[i].Start);
                    writer.WriteNumber("end_time", buckets[i].End);
                    writer.WritePropertyName("results");
                    writers[i](writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteBoolean("has_more", hasMore);
            writer.WriteString("next_page", nextPage);
            writer.WriteEndObject();
        });
    }
}
