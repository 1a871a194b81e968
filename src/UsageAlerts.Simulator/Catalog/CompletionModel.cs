using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>A completion model with its list prices (USD per million tokens) and typical request size.</summary>
internal sealed record CompletionModel(
    string Name,
    string CostName,
    string RateLimitModel,
    decimal Input,
    decimal CachedInput,
    decimal Output,
    decimal AudioInput,
    decimal AudioOutput,
    long DefaultTokensPerMinute,
    int AverageInputTokens,
    int AverageOutputTokens)
{
    public bool HasAudio => AudioInput > 0;

    public bool IsFineTuned => Name.StartsWith("ft:", StringComparison.Ordinal);

    private static readonly CompletionModel[] WellKnown =
    [
        Text("gpt-4o-2024-08-06", 2.50m, 1.25m, 10.00m, 800_000, 1800, 350),
        Text("gpt-4o-mini-2024-07-18", 0.15m, 0.075m, 0.60m, 2_000_000, 1200, 300),
        Text("o3-mini-2025-01-31", 1.10m, 0.55m, 4.40m, 400_000, 1500, 900),
        Text("gpt-4.1-2025-04-14", 2.00m, 0.50m, 8.00m, 800_000, 2500, 400),
        Text("gpt-4.1-mini-2025-04-14", 0.40m, 0.10m, 1.60m, 2_000_000, 1600, 350),
        Audio("gpt-4o-audio-preview-2024-12-17", 2.50m, 10.00m, 40.00m, 80.00m, 250_000),
        Text("gpt-4.1-nano-2025-04-14", 0.10m, 0.025m, 0.40m, 2_000_000, 900, 200),
        Text("o4-mini-2025-04-16", 1.10m, 0.275m, 4.40m, 400_000, 1400, 1100),
        Text("o3-2025-04-16", 2.00m, 0.50m, 8.00m, 200_000, 2200, 1500),
        Text("gpt-5-2025-08-07", 1.25m, 0.125m, 10.00m, 500_000, 2600, 1200),
        Text("gpt-5-mini-2025-08-07", 0.25m, 0.025m, 2.00m, 1_000_000, 1500, 600),
        Audio("gpt-4o-realtime-preview-2024-12-17", 5.00m, 20.00m, 40.00m, 80.00m, 100_000),
        Text("gpt-4-turbo-2024-04-09", 10.00m, 10.00m, 30.00m, 300_000, 1500, 400),
        Text("gpt-3.5-turbo-0125", 0.50m, 0.50m, 1.50m, 1_000_000, 700, 200),
        Text("o1-2024-12-17", 15.00m, 7.50m, 60.00m, 100_000, 1800, 2000),
        Text("gpt-5-nano-2025-08-07", 0.05m, 0.005m, 0.40m, 2_000_000, 800, 250),
        Text("gpt-4o-2024-11-20", 2.50m, 1.25m, 10.00m, 800_000, 1700, 350),
        Audio("gpt-4o-mini-audio-preview-2024-12-17", 0.15m, 0.60m, 10.00m, 20.00m, 500_000),
    ];

    /// <summary>The well-known models first; beyond them, fine-tuned variants of the two common bases.</summary>
    public static IReadOnlyList<CompletionModel> Take(int count, int seed)
    {
        var random = new DeterministicRandom(StableHash.Combine((ulong)seed, 0xF1));
        var models = new List<CompletionModel>(count);
        for (var i = 0; i < count; i++)
        {
            models.Add(i < WellKnown.Length ? WellKnown[i] : FineTuned(WellKnown[(i - WellKnown.Length) % 2], i, ref random));
        }

        return models;
    }

    private static CompletionModel FineTuned(CompletionModel baseModel, int index, ref DeterministicRandom random)
    {
        string[] purposes = ["support", "triage", "summaries", "extraction", "routing", "tone"];
        var name = $"ft:{baseModel.Name}:acme:{purposes[index % purposes.Length]}-{index}:{random.NextAlphanumeric(6)}";
        return baseModel with
        {
            Name = name,
            CostName = "ft-" + baseModel.Name,
            Input = baseModel.Input * 1.5m,
            CachedInput = baseModel.CachedInput * 1.5m,
            Output = baseModel.Output * 1.5m,
        };
    }

    private static CompletionModel Text(string name, decimal input, decimal cached, decimal output, long tpm, int inTokens, int outTokens) =>
        new(name, name, name, input, cached, output, 0m, 0m, tpm, inTokens, outTokens);

    private static CompletionModel Audio(string name, decimal input, decimal output, decimal audioIn, decimal audioOut, long tpm) =>
        new(name, name, name, input, input / 2, output, audioIn, audioOut, tpm, 900, 400);
}
