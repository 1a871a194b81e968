namespace UsageAlerts.Tests.TestSupport;

/// <summary>The real Azure Storage emulator that scripts/test starts; integration tests never fake storage.</summary>
internal static class Azurite
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("USAGEALERTS_TEST_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("USAGEALERTS_TEST_STORAGE is not set: run the tests with scripts/test, which starts Azurite.");

    /// <summary>A table prefix no other test uses, so tests can share one Azurite.</summary>
    public static string UniquePrefix(string name) => "t" + name + Guid.NewGuid().ToString("N")[..10];
}
