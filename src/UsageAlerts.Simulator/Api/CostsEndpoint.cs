using System.Text.Json;
using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Api;

/// <summary><c>GET /v1/organization/costs</c>: daily buckets only, amounts as exact JSON decimals in USD.</summary>
internal static class CostsEndpoint
{
    /// <summary>OpenAI refuses grouping costs by API key for windows that start before this day.</summary>
    public static readonly DateTimeOffset ApiKeyGroupingSince = new(2025, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public static JsonBody Handle(HttpContext http, SimulatorState state)
    {
        var query = new QueryReader(http.Request.Query);
        var range = TimeRangeQuery.Parse(query, dailyOnly: true);
        var groupBy = query.Array("group_by", ["project_id", "line_item", "api_key_id"]);
        var grouping = new CostGrouping(groupBy.Contains("project_id"), groupBy.Contains("line_item"), groupBy.Contains("api_key_id"));
        if (grouping.ApiKey && range.StartTime < ApiKeyGroupingSince.ToUnixTimeSeconds())
        {
            throw new InvalidRequestException("group_by", "Grouping costs by 'api_key_id' is only supported for start_time on or after 2025-12-06.");
        }

        var filters = new Dictionary<Dimension, IReadOnlySet<string>>();
        foreach (var (parameter, dimension) in (ReadOnlySpan<(string, Dimension)>)[("project_ids", Dimension.ProjectId), ("api_key_ids", Dimension.ApiKeyId)])
        {
            if (query.Array(parameter) is { Count: > 0 } values)
            {
                filters[dimension] = values.ToHashSet(StringComparer.Ordinal);
            }
        }

        var organization = state.Organization;
        var (now, window) = organization.Snapshot();
        return PageResponder.Respond(range.Plan(now), range.Page, FaultContext.Get(http), state.Nonce(), buckets =>
        {
            var groups = CostAggregator.Aggregate(organization.Sources, organization.LineItems, new UsageFilter(filters), grouping, buckets, window);
            return [.. groups.Select(rows => (Action<Utf8JsonWriter>)(writer => WriteResults(writer, rows, grouping.LineItem)))];
        });
    }

    private static void WriteResults(Utf8JsonWriter writer, List<CostGroup> rows, bool withQuantity)
    {
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "organization.costs.result");
            writer.WriteStartObject("amount");
            // Dividing by 1.000… drops trailing zeros of the scale, so 0.0308625000 prints as 0.0308625.
            writer.WriteNumber("value", row.Amount / 1.000000000000000000000000000000000m);
            writer.WriteString("currency", "usd");
            writer.WriteEndObject();
            writer.WriteString("line_item", row.LineItem);
            writer.WriteString("project_id", row.ProjectId);
            writer.WriteString("api_key_id", row.ApiKeyId);
            if (withQuantity)
            {
                writer.WriteNumber("quantity", row.Quantity);
            }
            else
            {
                writer.WriteNull("quantity");
            }

            writer.WriteString("quantity_unit", row.Unit);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
