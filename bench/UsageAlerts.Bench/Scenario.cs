using System.Diagnostics;

namespace UsageAlerts.Bench;

/// <summary>
/// One measured request, run several times: the first run (which builds any missing month packs), then the median
/// and 95th percentile of the rest, and the rows the last run read.
/// </summary>
internal sealed record Scenario(string Name, Func<Task<long>> Run)
{
    public async Task<Measurement> MeasureAsync(int repeats)
    {
        var times = new List<double>();
        long rows = 0;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await Run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var rest = times.Skip(1).Order().ToList();
        if (rest.Count == 0)
        {
            rest.Add(times[0]);
        }

        return new Measurement(times[0], Percentile(rest, 0.50), Percentile(rest, 0.95), rows);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

internal readonly record struct Measurement(double FirstMs, double P50Ms, double P95Ms, long Rows);
