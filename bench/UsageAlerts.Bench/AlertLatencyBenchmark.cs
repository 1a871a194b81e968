namespace UsageAlerts.Bench;

/// <summary>
/// <c>scripts/bench alert-latency</c>: <c>--schedules default</c> (the default) steps a fake clock through the
/// schedules the app ships against a simulator whose costs lag (<see cref="DefaultScheduleLatency"/>);
/// <c>--schedules every-minute</c> runs the standalone host in real time with every job each minute
/// (<see cref="EveryMinuteLatency"/>).
/// </summary>
internal static class AlertLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = NamedOptions.Parse(args, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--schedules"] = "default",
            ["--trials"] = "5",
            ["--costs-lag-hours"] = "6",
            ["--projects"] = "8",
            ["--models"] = "6",
        });
        return options.Text("--schedules") switch
        {
            "default" => await DefaultScheduleLatency.RunAsync(
                options.Number("--trials", 1, 10), options.Number("--costs-lag-hours", 0, 168), options.Number("--projects", 1, 100), options.Number("--models", 1, 50)),
            "every-minute" => await EveryMinuteLatency.RunAsync(options.Number("--trials", 1, 10)),
            var other => throw new ArgumentException($"--schedules must be default or every-minute (was {other})."),
        };
    }
}
