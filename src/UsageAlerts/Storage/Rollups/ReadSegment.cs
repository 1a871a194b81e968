namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// A piece of a stream's range: a run of days inside one month (one rollup partition), or one sealed month read
/// from its month pack.
/// </summary>
internal readonly record struct ReadSegment(SummaryRange Days, bool Month)
{
    /// <summary>
    /// Covers a range with whole sealed months (when allowed) and runs of days that never cross a month, in order. A
    /// month is used only when it lies wholly inside the range and ends on or before <paramref name="sealedBefore"/>.
    /// </summary>
    public static IReadOnlyList<ReadSegment> Plan(SummaryRange range, DateOnly? sealedBefore, bool allowMonths)
    {
        bool MonthAt(DateOnly day) =>
            allowMonths && sealedBefore is { } sealedDay && day.Day == 1 && day.AddMonths(1) <= range.To && day.AddMonths(1) <= sealedDay;

        var segments = new List<ReadSegment>();
        var day = range.From;
        while (day < range.To)
        {
            if (MonthAt(day))
            {
                segments.Add(new ReadSegment(new SummaryRange(day, day.AddMonths(1)), Month: true));
                day = day.AddMonths(1);
                continue;
            }

            var start = day;
            do
            {
                day = day.AddDays(1);
            }
            while (day < range.To && day.Day != 1);
            segments.Add(new ReadSegment(new SummaryRange(start, day), Month: false));
        }

        return segments;
    }
}
