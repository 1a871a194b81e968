namespace UsageAlerts.OpenAi;

/// <summary>Reads how long a server asked us to wait: <c>retry-after-ms</c>, then <c>Retry-After</c> (seconds or date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var millis)
            && double.TryParse(millis.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
