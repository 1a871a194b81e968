using NCrontab;

namespace UsageAlerts.Configuration;

/// <summary>A parsed 6-field NCRONTAB schedule, evaluated in UTC as on Flex Consumption.</summary>
internal sealed class CronSchedule
{
    private readonly CrontabSchedule _schedule;

    private CronSchedule(CrontabSchedule schedule, string expression)
    {
        _schedule = schedule;
        Expression = expression;
    }

    public string Expression { get; }

    public static bool TryParse(string? expression, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        error = null;
        var fields = expression?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (fields.Length != 6)
        {
            error = $"'{expression}' is not a 6-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}})";
            return false;
        }

        var parsed = CrontabSchedule.TryParse(string.Join(' ', fields), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        if (parsed is null)
        {
            error = $"'{expression}' is not a valid NCRONTAB expression";
            return false;
        }

        schedule = new CronSchedule(parsed, expression!);
        return true;
    }

    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule! : throw new FormatException(error);

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var next = _schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    /// <summary>The longest gap between two occurrences within the next week: how stale a job's data may normally get.</summary>
    public TimeSpan LongestInterval(DateTimeOffset from)
    {
        var longest = TimeSpan.Zero;
        var current = Next(from);
        var end = from.AddDays(7);
        while (current < end)
        {
            var next = Next(current);
            longest = next - current > longest ? next - current : longest;
            current = next;
        }

        return longest;
    }
}
