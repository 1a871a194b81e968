using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary>Headroom read from the per-minute summaries ingestion writes, against the same figures read from the rows.</summary>
public sealed class HeadroomReadTests
{
    private static readonly RateLimitCaps Caps = new(new Dictionary<string, IReadOnlyList<RateLimitRecord>>());

    [Fact]
    public async Task Headroom_reads_one_entity_a_minute_with_the_figures_of_the_rows()
    {
        await using var harness = await IngestionHarness.StartAsync("headroomsummaries");
        await harness.RunAsync(JobNames.PollRecentUsage);
        var streams = harness.Services.GetRequiredService<StreamCatalog>().RecentUsage.Select(s => s.Name).ToList();
        var (rows, summaries) = await StoredAsync(harness, streams);
        // Every polled minute, with usage or not, has a summary.
        var from = summaries.Min(s => s.GetDateTimeOffset(MinuteSummaries.Minute)!.Value);
        var to = summaries.Max(s => s.GetDateTimeOffset(MinuteSummaries.Minute)!.Value).AddMinutes(1);
        var minutesInWindow = (int)(to - from).TotalMinutes;

        var read = await harness.Services.GetRequiredService<HeadroomReader>().ReadAsync(streams, Caps, from, to, null, CancellationToken.None);
        var fromRows = await FromRowsAsync(harness, streams, from, to, null);

        Assert.Equal(streams.Count * minutesInWindow, summaries.Count);
        Assert.Equal(summaries.Count, read.RowsRead);
        Assert.True(fromRows.RowsRead > 10 * read.RowsRead, $"rows {fromRows.RowsRead}, summaries {read.RowsRead}");
        AssertSame(fromRows, read);

        var project = rows.Select(r => r.GetString(UsageRows.ProjectId)).First(p => p is not null)!;
        AssertSame(
            await FromRowsAsync(harness, streams, from, to, new HashSet<string> { project }),
            await harness.Services.GetRequiredService<HeadroomReader>().ReadAsync(streams, Caps, from, to, new HashSet<string> { project }, CancellationToken.None));
    }

    [Fact]
    public async Task Minutes_without_a_summary_are_read_from_their_rows()
    {
        await using var harness = await IngestionHarness.StartAsync("headroomfallback");
        await harness.RunAsync(JobNames.PollRecentUsage);
        var streams = harness.Services.GetRequiredService<StreamCatalog>().RecentUsage.Select(s => s.Name).ToList();
        var (rows, summaries) = await StoredAsync(harness, streams);
        // Every polled minute, with usage or not, has a summary.
        var from = summaries.Min(s => s.GetDateTimeOffset(MinuteSummaries.Minute)!.Value);
        var to = summaries.Max(s => s.GetDateTimeOffset(MinuteSummaries.Minute)!.Value).AddMinutes(1);

        // As stored by a version before summaries: every other minute has only its rows.
        var table = await harness.Services.GetRequiredService<TableStore>().GetAsync(TableName.Usage);
        var removed = summaries.Where((_, i) => i % 2 == 0).ToList();
        foreach (var summary in removed)
        {
            await table.DeleteEntityAsync(summary.PartitionKey, summary.RowKey);
        }

        var read = await harness.Services.GetRequiredService<HeadroomReader>().ReadAsync(streams, Caps, from, to, null, CancellationToken.None);
        var fromRows = await FromRowsAsync(harness, streams, from, to, null);

        var removedMinutes = removed.Select(s => (s.PartitionKey, s.GetDateTimeOffset(MinuteSummaries.Minute))).ToHashSet();
        var fallbackRows = rows.Count(r => removedMinutes.Contains((r.PartitionKey, r.GetDateTimeOffset(UsageRows.BucketStart))));
        Assert.Equal(summaries.Count - removed.Count + fallbackRows, read.RowsRead);
        AssertSame(fromRows, read);
    }

    private static async Task<(List<TableEntity> Rows, List<TableEntity> Summaries)> StoredAsync(IngestionHarness harness, IEnumerable<string> streams)
    {
        var stored = new List<TableEntity>();
        foreach (var stream in streams)
        {
            stored.AddRange(await harness.RowsAsync(TableName.Usage, stream + "|"));
        }

        var summaries = stored.Where(e => e.RowKey.StartsWith(MinuteSummaries.RowsEnd, StringComparison.Ordinal)).ToList();
        return ([.. stored.Except(summaries)], summaries);
    }

    private static async Task<MinuteUsage> FromRowsAsync(IngestionHarness harness, IEnumerable<string> streams, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projects)
    {
        var reader = harness.Services.GetRequiredService<UsageReader>();
        var minutes = new MinuteUsage(Caps);
        foreach (var stream in streams)
        {
            await foreach (var row in reader.ReadAsync(stream, from, to, projects, CancellationToken.None))
            {
                minutes.Add(row);
            }
        }

        return minutes;
    }

    private static void AssertSame(MinuteUsage expected, MinuteUsage actual)
    {
        Assert.NotEmpty(expected.Groups);
        Assert.Equal(expected.DataThrough, actual.DataThrough);
        Assert.Equal(expected.Groups.Keys.ToHashSet(), actual.Groups.Keys.ToHashSet());
        foreach (var (key, totals) in expected.Groups)
        {
            Assert.Equal(totals.UsageModels, actual.Groups[key].UsageModels);
            Assert.Equal(totals.Minutes.OrderBy(m => m.Key), actual.Groups[key].Minutes.OrderBy(m => m.Key));
        }
    }
}
