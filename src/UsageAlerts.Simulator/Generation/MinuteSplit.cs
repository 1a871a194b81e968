namespace UsageAlerts.Simulator.Generation;

/// <summary>
/// Splits an hour into minutes with deterministic weights of 1 to 4. Minute values are differences of
/// floor(value × cumulative weight / total), so the minutes of an hour always add up to the hour exactly.
/// </summary>
internal static class MinuteSplit
{
    public const int MaxWeight = 4;
    public const int MinTotal = MaxWeight + 59;

    public static void Cumulative(ulong streamKey, long hour, Span<int> cumulative)
    {
        var bits = StableHash.Combine(streamKey, 0x31, (ulong)hour);
        cumulative[0] = 0;
        for (var i = 0; i < 60; i++)
        {
            if (i == 32)
            {
                bits = StableHash.Mix(bits);
            }

            cumulative[i + 1] = cumulative[i] + 1 + (int)(bits & 3);
            bits >>= 2;
        }
    }

    public static long Part(long value, int cumulativeWeight, int totalWeight) => value * cumulativeWeight / totalWeight;
}
