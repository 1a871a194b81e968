using System.Diagnostics;

namespace UsageAlerts.Bench;

/// <summary>
/// One measured request, run a few times: the first run (which builds any missing rollups), the median of the rest,
/// and the rows the last run read.
/// </summary>
internal sealed record Scenario(string Name, Func<Task<long>> Run)
{
    public async Task<(double FirstMs, double MedianMs, long Rows)> MeasureAsync(int repeats)
    {
        var times = new List<double>();
        long rows = 0;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await Run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var first = times[0];
        var rest = times.Skip(1).Order().ToList();
        return (first, rest.Count == 0 ? first : rest[rest.Count / 2], rows);
    }
}
