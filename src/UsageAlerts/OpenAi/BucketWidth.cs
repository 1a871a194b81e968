namespace UsageAlerts.OpenAi;

/// <summary>The bucket widths the Usage API accepts, with the page limits OpenAI enforces for each.</summary>
public enum BucketWidth
{
    Minute,
    Hour,
    Day,
}

internal static class BucketWidthExtensions
{
    public static string ToApiValue(this BucketWidth width) => width switch
    {
        BucketWidth.Minute => "1m",
        BucketWidth.Hour => "1h",
        _ => "1d",
    };

    public static TimeSpan Duration(this BucketWidth width) => width switch
    {
        BucketWidth.Minute => TimeSpan.FromMinutes(1),
        BucketWidth.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>The largest <c>limit</c> OpenAI accepts for usage pages of this width; more is a 400.</summary>
    public static int MaxUsagePageLimit(this BucketWidth width) => width switch
    {
        BucketWidth.Minute => 1440,
        BucketWidth.Hour => 168,
        _ => 31,
    };

    /// <summary>Rounds down to the UTC boundary OpenAI aligns buckets of this width to.</summary>
    public static DateTimeOffset AlignDown(this BucketWidth width, DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var ticks = utc.Ticks - (utc.Ticks % width.Duration().Ticks);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
