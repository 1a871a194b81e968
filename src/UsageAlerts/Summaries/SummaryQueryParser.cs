using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Turns <c>/api/summary</c> query parameters into a <see cref="SummaryQuery"/>, or a <see cref="BadParameterException"/>
/// naming the parameter. Work is bounded before anything is read: value lengths, value counts and the range are capped.
/// </summary>
internal sealed class SummaryQueryParser(IOptions<SummaryOptions> options, TimeProvider timeProvider)
{
    public const int MaxGroupBy = 2;
    private static readonly IReadOnlyList<Dimension> DefaultGroupBy = [Dimension.Day];

    public SummaryQuery Parse(HttpRequest request)
    {
        var reader = new QueryReader(request.Query, options.Value);
        var range = reader.Range(Periods.Day(timeProvider.GetUtcNow()));
        return new SummaryQuery(range, ReadGroupBy(reader), ReadFilter(reader), ReadFormat(reader, request));
    }

    /// <summary>The filter parameters: each filterable dimension, repeatable (not comma-separated: line items contain commas).</summary>
    public static SummaryFilter ReadFilter(QueryReader reader)
    {
        var values = new Dictionary<Dimension, IReadOnlySet<string>>();
        foreach (var dimension in Dimensions.Filterable)
        {
            var given = reader.Many(dimension.Name(), splitCommas: false);
            if (given.Count > 0)
            {
                values[dimension] = new HashSet<string>(given, StringComparer.Ordinal);
            }
        }

        return new SummaryFilter(values);
    }

    private static List<Dimension> ReadGroupBy(QueryReader reader)
    {
        var names = reader.Many("groupBy", splitCommas: true);
        if (names.Count > MaxGroupBy)
        {
            throw new BadParameterException("groupBy", "Too many groupings", $"'groupBy' takes one or two dimensions, got {names.Count}.");
        }

        var dimensions = new List<Dimension>(names.Count);
        foreach (var name in names)
        {
            if (!Dimensions.TryParse(name, out var dimension))
            {
                throw new BadParameterException("groupBy", "Unknown dimension",
                    $"'groupBy' has unknown dimension '{QueryReader.Echo(name)}'; use one or two of {string.Join(", ", Dimensions.Names)}.");
            }

            if (dimensions.Contains(dimension))
            {
                throw new BadParameterException("groupBy", "Repeated dimension", $"'groupBy' lists '{dimension.Name()}' twice.");
            }

            dimensions.Add(dimension);
        }

        return dimensions.Count == 0 ? [.. DefaultGroupBy] : dimensions;
    }

    private static SummaryFormat ReadFormat(QueryReader reader, HttpRequest request)
    {
        var format = reader.Single("format")?.Trim().ToLowerInvariant();
        return format switch
        {
            "csv" => SummaryFormat.Csv,
            "json" => SummaryFormat.Json,
            null => request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) ? SummaryFormat.Csv : SummaryFormat.Json,
            _ => throw new BadParameterException("format", "Unknown format", $"'format' must be json or csv, got '{QueryReader.Echo(format)}'."),
        };
    }
}
