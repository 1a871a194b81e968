namespace UsageAlerts.Bench;

/// <summary>"Now" pinned to the seeded data, so runs on different days measure the same thing.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
