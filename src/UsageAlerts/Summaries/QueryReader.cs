using System.Globalization;
using Microsoft.AspNetCore.Http;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Reads query parameters with the summaries' limits: every value bounded in length, single parameters given once,
/// repeatable ones bounded in count. Parameters it is not asked about (such as the Functions key <c>code</c>) are
/// ignored. Problems echo at most a short prefix of a value, never a whole one.
/// </summary>
internal sealed class QueryReader(IQueryCollection query, SummaryOptions options)
{
    private const int EchoLength = 40;

    /// <summary>
    /// Reads <c>from</c> and <c>to</c>; without them the range is the default number of days ending with today.
    /// </summary>
    public SummaryRange Range(DateOnly today)
    {
        var from = Date("from");
        var to = Date("to") ?? (from is { } start && start > today ? start.AddDays(1) : today.AddDays(1));
        from ??= to.AddDays(-options.DefaultRangeDays);
        if (from.Value >= to)
        {
            throw new BadParameterException("from", "Empty range", $"'from' ({Periods.Format(from.Value)}) must be before 'to' ({Periods.Format(to)}); 'to' is exclusive.");
        }

        var range = new SummaryRange(from.Value, to);
        return range.Days <= options.MaxRangeDays
            ? range
            : throw new BadParameterException("to", "Range too long", $"'from' to 'to' spans {range.Days} days; at most {options.MaxRangeDays} days (setting {SummaryOptions.SectionName}:MaxRangeDays).");
    }

    public string? Single(string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            throw new BadParameterException(name, "Parameter given more than once", $"'{name}' may be given only once.");
        }

        return values.Count == 0 ? null : Bounded(name, values[0] ?? "");
    }

    /// <summary>Every value of a repeatable parameter, optionally also split at commas; empty items are an error.</summary>
    public IReadOnlyList<string> Many(string name, bool splitCommas)
    {
        var items = new List<string>();
        foreach (var raw in query[name])
        {
            var value = Bounded(name, raw ?? "");
            var parts = splitCommas ? value.Split(',', StringSplitOptions.TrimEntries) : [value.Trim()];
            if (parts.Any(p => p.Length == 0))
            {
                throw new BadParameterException(name, "Empty parameter value", $"'{name}' has an empty value.");
            }

            items.AddRange(parts);
            if (items.Count > options.MaxFilterValues)
            {
                throw new BadParameterException(name, "Too many parameter values", $"'{name}' may have at most {options.MaxFilterValues} values.");
            }
        }

        return items;
    }

    public DateOnly? Date(string name)
    {
        if (Single(name) is not { } text)
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new BadParameterException(name, "Invalid date", $"'{name}' must be a date as yyyy-MM-dd (UTC), got '{Echo(text)}'.");
    }

    public int? Integer(string name, int min, int max)
    {
        if (Single(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new BadParameterException(name, "Invalid number", $"'{name}' must be a whole number from {min} to {max}, got '{Echo(text)}'.");
    }

    public static string Echo(string value) => value.Length <= EchoLength ? value : value[..EchoLength] + "…";

    private string Bounded(string name, string value) =>
        value.Length <= options.MaxParameterLength
            ? value
            : throw new BadParameterException(name, "Parameter too long", $"'{name}' is longer than {options.MaxParameterLength} characters.");
}
