namespace UsageAlerts.Storage;

/// <summary>UTC days <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
internal readonly record struct SummaryRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber;

    /// <summary>The range of the same length that ends where this one starts (for "this period vs previous").</summary>
    public SummaryRange Previous => new(From.AddDays(-Days), From);

    public bool Contains(DateOnly day) => day >= From && day < To;
}
