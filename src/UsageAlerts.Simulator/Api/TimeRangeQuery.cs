namespace UsageAlerts.Simulator.Api;

/// <summary>The parameters usage and costs share: start_time, end_time, bucket_width, limit, page.</summary>
internal sealed record TimeRangeQuery(long StartTime, long? EndTime, long Width, int Limit, string? Page)
{
    public static TimeRangeQuery Parse(QueryReader query, bool dailyOnly)
    {
        var start = query.RequiredLong("start_time");
        if (start < 0)
        {
            throw new InvalidRequestException("start_time", $"Invalid 'start_time': expected a non-negative Unix timestamp, but got {start} instead.");
        }

        var end = query.Long("end_time");
        if (end <= start)
        {
            throw new InvalidRequestException("end_time", $"Invalid 'end_time': {end} must be after 'start_time' ({start}).");
        }

        var width = query.String("bucket_width") ?? "1d";
        var (seconds, defaultLimit, maxLimit) = (width, dailyOnly) switch
        {
            ("1d", true) => (86_400L, 7, 180),
            ("1d", false) => (86_400L, 7, 31),
            ("1h", false) => (3_600L, 24, 168),
            ("1m", false) => (60L, 60, 1440),
            _ => throw new InvalidRequestException(
                "bucket_width",
                dailyOnly ? $"Invalid value: '{width}'. Supported values are: '1d'." : $"Invalid value: '{width}'. Supported values are: '1m', '1h', and '1d'."),
        };
        return new TimeRangeQuery(start, end, seconds, query.Int("limit", defaultLimit, 1, maxLimit), query.String("page"));
    }

    public BucketPlan Plan(DateTimeOffset now, BucketShape shape) => BucketPlan.Create(StartTime, EndTime, now.ToUnixTimeSeconds(), Width, Limit, Page, shape);

    /// <summary>The live API refuses an end_time after its own clock.</summary>
    public void RequireNotFuture(DateTimeOffset now)
    {
        if (EndTime is { } end && end > now.ToUnixTimeSeconds())
        {
            throw new InvalidRequestException("end_time", $"Invalid 'end_time': {end} is in the future.");
        }
    }
}
