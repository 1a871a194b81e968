using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>
/// Usage of the non-completion endpoints. Each is used by some projects only; the first project ("Research")
/// uses all of them, so every endpoint has data.
/// </summary>
internal static class ToolStreams
{
    public static void Build(StreamBuilder builder, IReadOnlyList<ProjectInfo> projects, IReadOnlyList<CompletionModel> models, ulong seed)
    {
        var uses = Share(builder.Kind);
        foreach (var project in projects)
        {
            var random = new DeterministicRandom(StableHash.Combine(seed, StableHash.Of(builder.Kind.Name), (ulong)project.Index));
            if (project.Index == ProjectCatalog.Research || random.NextDouble() < uses)
            {
                Add(builder, project, models, ref random);
            }
        }

        if (builder.Kind == UsageKinds.Embeddings)
        {
            builder.Add(null, StreamBuilder.Dimensions(model: "text-embedding-3-small"), 20, [300, 0], Embedding("text-embedding-3-small"), 0.5);
        }
    }

    private static double Share(UsageKind kind) => kind.Name switch
    {
        "embeddings" => 0.5,
        "moderations" or "vector_stores" or "file_search_calls" => 0.4,
        "web_search_calls" => 0.35,
        "images" or "code_interpreter_sessions" => 0.3,
        _ => 0.25,
    };

    private static void Add(StreamBuilder builder, ProjectInfo project, IReadOnlyList<CompletionModel> models, ref DeterministicRandom random)
    {
        var w = project.Weight;
        var user = project.UserFor(0, 0);
        var key = project.ApiKeyIds[0];
        var jitter = 0.6 + 0.8 * random.NextDouble();
        switch (builder.Kind.Name)
        {
            case "embeddings":
                var embedding = random.NextDouble() < 0.3 ? "text-embedding-3-large" : "text-embedding-3-small";
                builder.Add(project, StreamBuilder.Dimensions(project, user, key, embedding), 250 * w, [350 * jitter, 0], Embedding(embedding));
                break;
            case "moderations":
                builder.Add(project, StreamBuilder.Dimensions(project, user, key, "omni-moderation-latest"), 300 * w, [180 * jitter, 0], []);
                break;
            case "images":
                Image(builder, project, "gpt-image-1", "1024x1024", "image.generation", 6 * w, 0.042m, 1);
                Image(builder, project, "dall-e-3", "1024x1792", "image.generation", 2.5 * w, 0.08m, 1);
                Image(builder, project, "gpt-image-1", "1024x1024", "image.edit", 1.5 * w, 0.042m, 1);
                Image(builder, project, "dall-e-2", "512x512", "image.variation", 0.8 * w, 0.018m, 0.3);
                break;
            case "audio_speeches":
                builder.Add(project, StreamBuilder.Dimensions(project, user, key, "tts-1"), 40 * w, [650 * jitter, 0], [new("tts-1, characters", "characters", 0, Billing.PerMillion(15m))]);
                break;
            case "audio_transcriptions":
                builder.Add(project, StreamBuilder.Dimensions(project, user, key, "whisper-1"), 25 * w, [50 * jitter, 0], [new("whisper-1, transcription", "duration_seconds", 0, 0.0001m)]);
                break;
            case "vector_stores":
                builder.Add(project, StreamBuilder.Dimensions(project), 6 * w, [1_500_000 * jitter], []);
                break;
            case "code_interpreter_sessions":
                builder.Add(project, StreamBuilder.Dimensions(project), 5 * w, [0], [new("assistants api | code interpreter", null, 0, 0.03m)]);
                break;
            case "file_search_calls":
                foreach (var store in project.VectorStoreIds)
                {
                    builder.Add(project, StreamBuilder.Dimensions(project, user, key, vectorStore: store), 30 * w, [0], [new("assistants api | file search", null, 0, 0.0025m)]);
                }

                break;
            case "web_search_calls":
                string[] levels = ["low", "medium", "high"];
                var level = random.Next(levels.Length);
                var model = models[Math.Min(1, models.Count - 1)].Name;
                builder.Add(project, StreamBuilder.Dimensions(project, user, key, model, context: levels[level]), 20 * w, [0, 1.4 * jitter], [new("web search tool calls", null, 1, 0.025m + 0.005m * level)]);
                break;
            default:
                throw new InvalidOperationException($"No traffic profile for usage kind '{builder.Kind.Name}'.");
        }
    }

    private static void Image(StreamBuilder builder, ProjectInfo project, string model, string size, string source, double rate, decimal price, double activity) =>
        builder.Add(
            project,
            StreamBuilder.Dimensions(project, project.UserFor(0, 1), project.ApiKeyIds[0], model, size: size, source: source),
            rate,
            [1.3, 0],
            [new($"{model}, {size}", "images", 0, price)],
            activity);

    private static Billing[] Embedding(string model) =>
        [new($"{model}, input", "tokens", 0, Billing.PerMillion(model.EndsWith("large", StringComparison.Ordinal) ? 0.13m : 0.02m))];
}
