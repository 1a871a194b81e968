using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Organization;

/// <summary>
/// Configured caps per project and model: the model's usual tier value, raised to at least twice the most the
/// generated traffic can reach in a minute, so that only the near-cap scenario comes close to a cap.
/// </summary>
internal static class RateLimitPlanner
{
    private static readonly SimRateLimit[] ToolModels =
    [
        Limit("text-embedding-3-small", 5_000, 5_000_000, batchTokens: 200_000_000),
        Limit("text-embedding-3-large", 5_000, 5_000_000, batchTokens: 200_000_000),
        Limit("omni-moderation-latest", 1_000, 150_000),
        Limit("gpt-image-1", 50, 100_000) with { MaxImagesPer1Minute = 50 },
        Limit("dall-e-3", 50, 0) with { MaxImagesPer1Minute = 50 },
        Limit("dall-e-2", 100, 0) with { MaxImagesPer1Minute = 100 },
        Limit("tts-1", 500, 0),
        Limit("whisper-1", 500, 0) with { MaxAudioMegabytesPer1Minute = 100, MaxRequestsPer1Day = 10_000 },
    ];

    public static Dictionary<string, IReadOnlyList<SimRateLimit>> Plan(OrgCatalog catalog, TrafficModel traffic)
    {
        var completions = catalog.Streams[UsageKinds.Completions];
        var models = catalog.CompletionModels.Where(m => !m.IsFineTuned).ToList();
        var rateLimitModel = catalog.CompletionModels.ToDictionary(m => m.Name, m => m.RateLimitModel);
        var plans = new Dictionary<string, IReadOnlyList<SimRateLimit>>();
        foreach (var project in catalog.Projects)
        {
            var streams = completions.Where(s => s.Project == project.Index).ToLookup(s => rateLimitModel[s[Dimension.Model]!]);
            var limits = models.Select(model => ForCompletions(model, streams[model.Name], traffic));
            plans.Add(project.Id, [.. limits, .. ToolModels]);
        }

        return plans;
    }

    private static SimRateLimit ForCompletions(CompletionModel model, IEnumerable<UsageStream> streams, TrafficModel traffic)
    {
        double tokens = 0, requests = 0;
        foreach (var stream in streams)
        {
            var events = traffic.MaxEventsPerHour(stream);
            tokens += events * stream.PerEvent.Sum() * TrafficModel.MaxJitter;
            requests += events;
        }

        const double minuteShare = (double)MinuteSplit.MaxWeight / MinuteSplit.MinTotal;
        var tpm = Nice(Math.Max(model.DefaultTokensPerMinute, 2 * (tokens * minuteShare + 1)));
        var rpm = Nice(Math.Max(tpm / 160.0, 2 * (requests * minuteShare + 1)));
        var reasoning = model.Name.StartsWith("o1", StringComparison.Ordinal) || model.Name.StartsWith("o3", StringComparison.Ordinal);
        return Limit(model.Name, rpm, tpm, batchTokens: Nice(tpm * 20.0)) with { MaxRequestsPer1Day = reasoning ? rpm * 200 : null };
    }

    private static SimRateLimit Limit(string model, long rpm, long tpm, long? batchTokens = null) =>
        new("rl-" + model, model, rpm, tpm, Batch1DayMaxInputTokens: batchTokens);

    /// <summary>The smallest 1, 2 or 5 × 10^n at or above the value, like published tier limits.</summary>
    private static long Nice(double value)
    {
        var magnitude = 1L;
        while (true)
        {
            foreach (var step in (long[])[1, 2, 5])
            {
                if (step * magnitude >= value)
                {
                    return step * magnitude;
                }
            }

            magnitude *= 10;
        }
    }
}
