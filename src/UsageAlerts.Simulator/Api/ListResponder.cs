using System.Text.Json;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// OpenAI's list envelope with cursor paging by object id:
/// <c>{"object":"list","data":[…],"first_id","last_id","has_more"}</c>.
/// </summary>
internal static class ListResponder
{
    public static JsonBody Respond<T>(IReadOnlyList<T> all, Func<T, string> idOf, string? after, int limit, Action<Utf8JsonWriter, T> writeItem)
    {
        var start = 0;
        if (after is not null)
        {
            var index = all.Select(idOf).ToList().IndexOf(after);
            start = index >= 0 ? index + 1 : throw new InvalidRequestException("after", $"No object found with id '{after}'.");
        }

        var page = all.Skip(start).Take(limit).ToList();
        return JsonBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", "list");
            writer.WriteStartArray("data");
            foreach (var item in page)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteString("first_id", page.Count > 0 ? idOf(page[0]) : null);
            writer.WriteString("last_id", page.Count > 0 ? idOf(page[^1]) : null);
            writer.WriteBoolean("has_more", start + page.Count < all.Count);
            writer.WriteEndObject();
        });
    }
}
