namespace UsageAlerts.Summaries.Charts;

/// <summary>A value axis from zero to a "nice" maximum (1, 2, 2.5 or 5 times a power of ten) in a few even steps.</summary>
internal readonly record struct AxisScale(double Max, double Step)
{
    public static AxisScale For(double dataMax, int targetTicks = 5)
    {
        if (dataMax <= 0 || double.IsNaN(dataMax) || double.IsInfinity(dataMax))
        {
            return new AxisScale(1, 0.2);
        }

        var rough = dataMax / targetTicks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * power).First(s => s >= rough);
        return new AxisScale(Math.Ceiling(dataMax / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var step = Step;
        var count = (int)Math.Round(Max / step);
        return Enumerable.Range(0, count + 1).Select(i => i * step);
    }
}
