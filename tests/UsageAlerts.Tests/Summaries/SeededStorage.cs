using Microsoft.Extensions.Time.Testing;

namespace UsageAlerts.Tests.Summaries;

/// <summary>One host over one seeded set of tables, shared by the route tests (seeding is the slow part).</summary>
public sealed class SeededStorage : IAsyncLifetime
{
    internal SeededOrganization Organization { get; } = SeededOrganization.Generate();

    internal FakeTimeProvider Clock { get; } = new(SeededOrganization.Now);

    internal SummariesHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The route tests count the entities each request reads, whatever other tests of the group asked before, so
        // every request lists its days and decodes its packs: which packs of a partition an earlier request left in
        // the cache would otherwise decide between one listing and a listing plus point reads. PackCacheTests covers
        // the cache and the remembered listings.
        Host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("sum"), Clock, new() { ["Storage:PackRevalidateSeconds"] = "0", ["Storage:PackCacheRecords"] = "0" });
        await Organization.WriteAsync(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SeededStorageGroup : ICollectionFixture<SeededStorage>
{
    public const string Name = "Summaries over seeded Azurite tables";
}
