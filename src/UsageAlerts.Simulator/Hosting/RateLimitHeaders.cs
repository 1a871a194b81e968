using System.Globalization;
using System.Text;

namespace UsageAlerts.Simulator.Hosting;

/// <summary>
/// OpenAI's <c>x-ratelimit-*</c> headers for a budget of requests per clock minute. Reset times are Go-style
/// durations (<c>12ms</c>, <c>1s</c>, <c>6m0s</c>, <c>23h47m36.648s</c>).
/// </summary>
internal sealed class RateLimitHeaders(TimeProvider time)
{
    private const int RequestsPerMinute = 1_000;
    private const long TokensPerMinute = 10_000_000;

    private readonly Lock _gate = new();
    private long _minute = -1;
    private int _used;

    public void Apply(HttpResponse response)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        int used;
        lock (_gate)
        {
            (_minute, _used) = minute == _minute ? (_minute, _used + 1) : (minute, 1);
            used = _used;
        }

        var reset = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60) - now;
        response.Headers["x-ratelimit-limit-requests"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = Math.Max(0, RequestsPerMinute - used).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-requests"] = GoDuration(reset);
        response.Headers["x-ratelimit-limit-tokens"] = TokensPerMinute.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-tokens"] = TokensPerMinute.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset-tokens"] = GoDuration(TimeSpan.Zero);
    }

    public static string GoDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration <= TimeSpan.Zero ? "0s" : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || duration.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        }

        var seconds = duration.Seconds + duration.Milliseconds / 1000m;
        return text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
