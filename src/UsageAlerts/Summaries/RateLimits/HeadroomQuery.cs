using Microsoft.AspNetCore.Http;

namespace UsageAlerts.Summaries.RateLimits;

/// <summary>A validated <c>/api/rate-limits</c> request: the last <see cref="Minutes"/> minutes, optionally some projects or models.</summary>
internal sealed record HeadroomQuery(int Minutes, IReadOnlySet<string>? Projects, IReadOnlySet<string>? Models)
{
    public static HeadroomQuery Parse(HttpRequest request, SummaryOptions options)
    {
        var reader = new QueryReader(request.Query, options);
        var minutes = reader.Integer("minutes", 1, options.MaxHeadroomMinutes) ?? options.DefaultHeadroomMinutes;
        return new HeadroomQuery(minutes, Set(reader.Many("project", splitCommas: false)), Set(reader.Many("model", splitCommas: false)));
    }

    private static HashSet<string>? Set(IReadOnlyList<string> values) => values.Count == 0 ? null : new HashSet<string>(values, StringComparer.Ordinal);
}
