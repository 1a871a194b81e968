namespace UsageAlerts.Simulator.Generation;

/// <summary>
/// Day-level traffic factors: the weekly rhythm, and the scenario projects (a monthly overrun scaled over the
/// whole month of the origin, and a one-day spike the day before the origin that ignores the weekly rhythm).
/// </summary>
internal sealed record ScenarioShaping(
    bool Enabled,
    int OverrunProject,
    long OverrunFromHour,
    long OverrunToHour,
    double OverrunScale,
    int SpikeProject,
    long SpikeDay,
    double SpikeFactor)
{
    /// <summary>A surge (<see cref="SimulatorOptions.SurgeFrom"/>): this project's traffic times the factor from this hour on.</summary>
    public (int Project, long FromHour, double Factor) Surge { get; init; } = NoSurge;

    public static readonly (int Project, long FromHour, double Factor) NoSurge = (-1, long.MaxValue, 1);

    // Sunday first, as day 0 of the Unix epoch + 4 is.
    private static readonly double[] Weekly = [0.3, 1.0, 1.05, 1.05, 1.0, 0.9, 0.35];

    private static readonly double[] Daily =
    [
        0.12, 0.09, 0.08, 0.08, 0.1, 0.15, 0.25, 0.45, 0.7, 0.9, 1.0, 1.0,
        0.92, 0.95, 1.0, 0.97, 0.88, 0.72, 0.55, 0.42, 0.33, 0.26, 0.2, 0.15,
    ];

    /// <summary>Batch work spreads over the day at about the average office-hours level.</summary>
    public const double FlatLevel = 0.55;

    public const double MaxLevel = 1.0;

    public static double HourOfDay(long hour, int utcOffsetHours) => Daily[(int)(((hour + utcOffsetHours) % 24 + 24) % 24)];

    /// <summary>Months start at midnight, so every factor is constant over a UTC day.</summary>
    public double DayFactor(int project, long day)
    {
        if (Enabled && project == SpikeProject && day == SpikeDay)
        {
            return SpikeFactor;
        }

        var factor = Weekly[(int)((day + 4) % 7)];
        return Enabled && project == OverrunProject && day * 24 >= OverrunFromHour && day * 24 < OverrunToHour
            ? factor * OverrunScale
            : factor;
    }

    /// <summary>The surge factor of one hour: 1 outside the surge.</summary>
    public double HourFactor(int project, long hour) => project == Surge.Project && hour >= Surge.FromHour ? Surge.Factor : 1;

    /// <summary>The most a day's traffic can be scaled by, surge included, so rate limits planned on it stay above it.</summary>
    public double MaxDayFactor(int project)
    {
        var max = Weekly.Max();
        var day = !Enabled ? max
            : project == SpikeProject ? Math.Max(max, SpikeFactor)
            : project == OverrunProject ? max * OverrunScale
            : max;
        return day * (project == Surge.Project ? Math.Max(1, Surge.Factor) : 1);
    }
}
