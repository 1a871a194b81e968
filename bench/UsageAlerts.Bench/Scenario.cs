using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace UsageAlerts.Bench;

/// <summary>
/// One measured request: once on a service provider of its own (as after a restart: empty pack cache, new table
/// clients; the process and its JIT are warm, so this is a lower bound of a real cold start), then several times on
/// the long-lived provider: the first of those fills the cache and is not counted, the median and 95th percentile
/// are of the rest; the rows are those the last run read.
/// </summary>
internal sealed record Scenario(string Name, Func<IServiceProvider, Task<long>> Run)
{
    public async Task<Measurement> MeasureAsync(Func<ServiceProvider> restart, IServiceProvider warm, int repeats)
    {
        var times = new List<double>();
        long rows = 0;
        await using (var fresh = restart())
        {
            var cold = Stopwatch.StartNew();
            await Run(fresh);
            times.Add(cold.Elapsed.TotalMilliseconds);
        }

        await Run(warm);
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await Run(warm);
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
