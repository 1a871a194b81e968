using System.Globalization;
using System.Text.Json;
using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Hosting;

namespace UsageAlerts.Simulator.Api;

/// <summary>
/// <c>GET /v1/organization/costs</c>: daily buckets only, exact USD amounts. In <see cref="SimulatorFidelity.Live"/>
/// it answers as the live endpoint has been reported to (see the README): no <c>api_key_id</c> grouping, amounts and
/// quantities as strings, a result without an amount in every day grouped by line item, buckets from midnight.
/// </summary>
internal static class CostsEndpoint
{
    /// <summary>A line item the live API has listed without an amount; consumers must skip it, not fail the page.</summary>
    public const string AmountlessLineItem = "assistants api | file search";

    public static JsonBody Handle(HttpContext http, SimulatorState state)
    {
        var query = new QueryReader(http.Request.Query);
        var range = TimeRangeQuery.Parse(query, dailyOnly: true);
        var groupBy = query.Array("group_by", ["project_id", "line_item", "api_key_id"]);
        var grouping = new CostGrouping(groupBy.Contains("project_id"), groupBy.Contains("line_item"), groupBy.Contains("api_key_id"));
        var live = state.Options.Fidelity == SimulatorFidelity.Live;
        if (live && grouping.ApiKey)
        {
            throw new InvalidRequestException("group_by", "Invalid value for 'group_by': 'api_key_id' is not supported. Supported values are: 'project_id', 'line_item'.");
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
        var (now, snapshot) = organization.Snapshot();
        var window = organization.BilledWindow(snapshot);
        if (live)
        {
            range.RequireNotFuture(now);
        }

        var ungrouped = groupBy.Count == 0;
        var format = new ResultFormat(live, state.Options.OrganizationId, grouping.LineItem);
        return PageResponder.Respond(range.Plan(now, new BucketShape(AlignFirst: live, WholeLast: live)), range.Page, FaultContext.Get(http), state.Nonce(), buckets =>
        {
            var groups = CostAggregator.Aggregate(organization.Sources, organization.LineItems, new UsageFilter(filters), grouping, buckets, window, organization.PriceChange);
            return [.. groups.Select(rows => (Action<Utf8JsonWriter>)(writer => WriteResults(writer, rows.Count == 0 && ungrouped && live ? [ZeroRow] : rows, format)))];
        });
    }

    private static readonly CostGroup ZeroRow = new(null, null, null, 0m, 0, null);

    private readonly record struct ResultFormat(bool Live, string OrganizationId, bool WithQuantity);

    private static void WriteResults(Utf8JsonWriter writer, List<CostGroup> rows, ResultFormat format)
    {
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "organization.costs.result");
            writer.WriteStartObject("amount");
            WriteDecimal(writer, "value", row.Amount, format.Live);
            writer.WriteString("currency", "usd");
            writer.WriteEndObject();
            writer.WriteString("line_item", row.LineItem);
            writer.WriteString("project_id", row.ProjectId);
            if (!format.Live)
            {
                writer.WriteString("api_key_id", row.ApiKeyId);
            }

            if (format.WithQuantity)
            {
                WriteDecimal(writer, "quantity", row.Quantity, format.Live);
            }
            else
            {
                writer.WriteNull("quantity");
            }

            writer.WriteString("quantity_unit", row.Unit);
            writer.WriteString("organization_id", format.OrganizationId);
            writer.WriteEndObject();
        }

        if (format.Live && format.WithQuantity && rows.Count > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "organization.costs.result");
            writer.WriteString("line_item", AmountlessLineItem);
            writer.WriteString("project_id", rows[0].ProjectId);
            writer.WriteString("organization_id", format.OrganizationId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Live amounts are strings: plain decimals, and zero as the decimal128 text "0E-6176".</summary>
    private static void WriteDecimal(Utf8JsonWriter writer, string name, decimal value, bool asString)
    {
        // Dividing by 1.000… drops trailing zeros of the scale, so 0.0308625000 prints as 0.0308625.
        var normalized = value / 1.000000000000000000000000000000000m;
        if (!asString)
        {
            writer.WriteNumber(name, normalized);
        }
        else
        {
            writer.WriteString(name, normalized == 0 ? "0E-6176" : normalized.ToString(CultureInfo.InvariantCulture));
        }
    }
}
