namespace UsageAlerts.Simulator.Catalog;

/// <summary>
/// Time anchors of an organization, in minutes and hours since the Unix epoch. Everything is anchored at the
/// moment the organization was created (its origin), never at the current "now", so that the value of a
/// past minute does not change as the clock advances.
/// </summary>
internal sealed record Timeline(DateTimeOffset Origin, long OriginMinute, long DataStartHour)
{
    public const long MinutesPerDay = 1440;

    public long DataStartMinute => DataStartHour * 60;

    public static Timeline Create(DateTimeOffset now, int days)
    {
        var origin = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var dataStart = origin.AddDays(-days).ToUnixTimeSeconds();
        return new Timeline(origin, origin.ToUnixTimeSeconds() / 60, dataStart / 3600);
    }

    /// <summary>The last minute that has fully elapsed at <paramref name="now"/> ends before this one.</summary>
    public static long MinuteOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    /// <summary>A minute belongs to a range when it starts inside it, so range ends are rounded up to minutes.</summary>
    public static long CeilingMinute(DateTimeOffset time) => CeilingMinute(time.ToUnixTimeSeconds());

    public static long CeilingMinute(long unixSeconds) => (unixSeconds + 59) / 60;

    public static DateTimeOffset DayStart(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);
}
