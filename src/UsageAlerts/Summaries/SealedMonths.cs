using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Where each stream's history stops changing. Ingestion re-reads from its watermark less the re-poll window and the
/// watermark only moves forward, so every day before that point is final; a month ending there can be rolled up once.
/// (After resetting ingestion state, delete the rollups table: a fresh backfill may bring revised numbers.)
/// </summary>
internal sealed class SealedMonths(StreamStateStore states, IOptions<IngestionOptions> ingestion, IOptions<StorageOptions> storage, TimeProvider timeProvider)
{
    private readonly TimeSpan _reuseFor = TimeSpan.FromSeconds(storage.Value.PackRevalidateSeconds);
    private volatile Loaded? _last;

    /// <summary>
    /// Per stream, the first day that may still change; streams never stored have none. Reused for
    /// <c>Storage:PackRevalidateSeconds</c>: watermarks only move forward, so a horizon read earlier seals fewer days,
    /// never a day still re-polled.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, DateOnly>> LoadAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_last is { } last && now - last.At < _reuseFor)
        {
            return last.Horizons;
        }

        var horizons = await ReadAsync(cancellationToken);
        _last = new Loaded(horizons, now);
        return horizons;
    }

    private async Task<IReadOnlyDictionary<string, DateOnly>> ReadAsync(CancellationToken cancellationToken)
    {
        var repoll = TimeSpan.FromDays(ingestion.Value.DailyRepollDays);
        var horizons = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var state in await states.GetAllAsync(cancellationToken))
        {
            if (state.Watermark is { } watermark)
            {
                horizons[state.RowKey] = Periods.Day(watermark - repoll);
            }
        }

        return horizons;
    }

    /// <summary>One reference, so concurrent requests never see a torn pair.</summary>
    private sealed record Loaded(IReadOnlyDictionary<string, DateOnly> Horizons, DateTimeOffset At);
}
