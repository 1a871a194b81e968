using UsageAlerts.OpenAi;

namespace UsageAlerts.Ingestion;

/// <summary>
/// The range one run of a stream reads: from the watermark less the re-poll window (or the backfill start on a
/// first run) to now. Starts are aligned to the bucket width so no bucket is ever partial at the front.
/// </summary>
internal static class IngestionWindow
{
    public static (DateTimeOffset Start, DateTimeOffset End) For(StreamDefinition stream, DateTimeOffset? watermark, DateTimeOffset now)
    {
        var floor = stream.Width.AlignDown(now - stream.Backfill);
        if (watermark is not { } mark)
        {
            return (floor, now);
        }

        var start = stream.Width.AlignDown(mark - stream.Repoll);
        return (!stream.ResumeBeyondBackfill && start < floor ? floor : start, now);
    }
}
