using UsageAlerts.Summaries;

namespace UsageAlerts.Storage;

/// <summary>UTC days <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
internal readonly record struct SummaryRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The range of the same length that ends where this one starts (for "this period vs previous").</summary>
    public SummaryRange Previous => new(From.AddDays(-Days), From);

    public bool Contains(DateOnly day) => day >= From && day < To;

    /// <summary>
    /// Reads <c>from</c> and <c>to</c>; without them the range is the default number of days ending with today.
    /// </summary>
    public static SummaryRange Read(QueryReader reader, SummaryOptions options, DateOnly today)
    {
        var from = reader.Date("from");
        var to = reader.Date("to") ?? (from is { } start && start > today ? start.AddDays(1) : today.AddDays(1));
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
}
