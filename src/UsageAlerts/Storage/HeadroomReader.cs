using Azure.Data.Tables;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Storage;

/// <summary>
/// The one headroom computation, serving both the rate-limit alert and <c>/api/rate-limits</c>: one-minute usage over
/// a window, summed per minute for each project and the model its cap is set on (the usage model itself when no cap
/// matches), so a peak is the peak of what OpenAI's limiter sees. Each minute is read from its summary entity
/// (<see cref="MinuteSummaries"/>, one per minute instead of one per project, model and key); minutes without one
/// (stored by an older version, too big to summarise, or not stored yet) are read from their rows.
/// </summary>
internal sealed class HeadroomReader(TableStore tables, UsageReader usage)
{
    public async Task<MinuteUsage> ReadAsync(IEnumerable<string> minuteStreams, RateLimitCaps caps, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projects, CancellationToken cancellationToken)
    {
        var minutes = new MinuteUsage(caps);
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        foreach (var stream in minuteStreams)
        {
            var summarised = await ReadSummariesAsync(table, stream, minutes, from, to, projects, cancellationToken);
            foreach (var (start, end) in Unsummarised(summarised, from, to))
            {
                await foreach (var row in usage.ReadAsync(stream, start, end, projects, cancellationToken))
                {
                    minutes.Add(row);
                }
            }
        }

        return minutes;
    }

    private static async Task<HashSet<DateTimeOffset>> ReadSummariesAsync(TableClient table, string stream, MinuteUsage minutes, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projects, CancellationToken cancellationToken)
    {
        var summarised = new HashSet<DateTimeOffset>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {UsageRows.Partition(stream, from)} and PartitionKey le {UsageRows.Partition(stream, to)} and RowKey ge {MinuteSummaries.RowsEnd} and Minute ge {from} and Minute lt {to}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            minutes.Counted();
            if (entity.GetDateTimeOffset(MinuteSummaries.Minute) is not { } minute || MinuteSummaries.Read(entity) is not { } groups)
            {
                continue;
            }

            summarised.Add(minute);
            foreach (var (project, model, requests, tokens) in groups)
            {
                // The same narrowing as the rows' storage filter: a row without a project never matches a project list.
                if (projects is null || (project is not null && projects.Contains(project)))
                {
                    minutes.Add(minute, project, model, requests, tokens);
                }
            }
        }

        return summarised;
    }

    /// <summary>The runs of minutes in [from, to) that have no summary, each read from rows in one query.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Unsummarised(HashSet<DateTimeOffset> summarised, DateTimeOffset from, DateTimeOffset to)
    {
        var first = BucketWidth.Minute.AlignDown(from);
        if (first < from)
        {
            first = first.AddMinutes(1);
        }

        DateTimeOffset? runStart = null;
        for (var minute = first; minute < to; minute = minute.AddMinutes(1))
        {
            if (summarised.Contains(minute))
            {
                if (runStart is { } start)
                {
                    yield return (start, minute);
                    runStart = null;
                }
            }
            else
            {
                runStart ??= minute == first ? from : minute;
            }
        }

        if (runStart is { } last)
        {
            yield return (last, to);
        }
    }
}
