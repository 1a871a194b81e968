using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Where each stream's history stops changing. Ingestion re-reads from its watermark less the re-poll window and the
/// watermark only moves forward, so every day before that point is final; a month ending there can be rolled up once.
/// (After resetting ingestion state, delete the rollups table: a fresh backfill may bring revised numbers.)
/// </summary>
internal sealed class SealedMonths(StreamStateStore states, IOptions<IngestionOptions> ingestion)
{
    /// <summary>Per stream, the first day that may still change; streams never stored have none.</summary>
    public async Task<IReadOnlyDictionary<string, DateOnly>> LoadAsync(CancellationToken cancellationToken)
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
}
