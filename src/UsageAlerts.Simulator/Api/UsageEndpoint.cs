using System.Text.Json;
using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Hosting;
using UsageAlerts.Simulator.Organization;

namespace UsageAlerts.Simulator.Api;

/// <summary><c>GET /v1/organization/usage/{kind}</c>.</summary>
internal static class UsageEndpoint
{
    public static JsonBody Handle(HttpContext http, UsageKind kind, SimulatorState state)
    {
        var query = new QueryReader(http.Request.Query);
        var range = TimeRangeQuery.Parse(query, dailyOnly: false);
        var groupBy = query.Array("group_by", [.. kind.Dimensions.Select(d => d.JsonName())])
            .Select(name => Dimensions.TryParse(name, out var d) ? d : default)
            .ToList();
        var filter = new UsageFilter(
            kind.Filters
                .Select(f => (f.Dimension, Values: f.AllowedValues is null ? query.Array(f.Parameter) : query.Array(f.Parameter, f.AllowedValues)))
                .Where(f => f.Values.Count > 0)
                .ToDictionary(f => f.Dimension, f => (IReadOnlySet<string>)f.Values.ToHashSet(StringComparer.Ordinal)),
            kind.HasBatchFilter ? query.Bool("batch") : null);
        var (now, window) = state.Organization.Snapshot();
        var live = state.Options.Fidelity == SimulatorFidelity.Live;
        if (live)
        {
            range.RequireNotFuture(now);
        }

        // Live: an ungrouped day without usage is one all-zero result, not an empty list.
        var zeroRow = live && !http.Request.Query.Keys.Any(k => k.StartsWith("group_by", StringComparison.Ordinal));
        var organizationId = state.Options.OrganizationId;
        return PageResponder.Respond(range.Plan(now, new BucketShape(AlignFirst: false, WholeLast: live)), range.Page, FaultContext.Get(http), state.Nonce(), buckets =>
        {
            var groups = UsageAggregator.Aggregate(state.Organization.Source(kind), filter, groupBy, buckets, window);
            return [.. groups.Select(rows => (Action<Utf8JsonWriter>)(writer => WriteResults(writer, kind, rows.Count == 0 && zeroRow ? [ZeroGroup(kind)] : rows, organizationId)))];
        });
    }

    private static UsageGroup ZeroGroup(UsageKind kind) => new(new string?[Enum.GetValues<Dimension>().Length], new long[kind.ComponentCount]);

    private static void WriteResults(Utf8JsonWriter writer, UsageKind kind, List<UsageGroup> rows, string organizationId)
    {
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("object", kind.ResultObject);
            writer.WriteString("organization_id", organizationId);
            WriteMetrics(writer, kind.LeadingMetrics, row);
            foreach (var dimension in kind.Dimensions)
            {
                var value = row.Dimensions[(int)dimension];
                if (dimension == Dimension.Batch && value is not null)
                {
                    writer.WriteBoolean(dimension.JsonName(), value == "true");
                }
                else
                {
                    writer.WriteString(dimension.JsonName(), value);
                }
            }

            WriteMetrics(writer, kind.TrailingMetrics, row);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyList<MetricDef> metrics, UsageGroup row)
    {
        foreach (var metric in metrics)
        {
            writer.WriteNumber(metric.Name, TruthRows.Metric(metric, row.Components));
        }
    }
}
