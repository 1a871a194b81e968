using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>
/// Completions traffic: each project leans on two or three models (several keys, users, batch and service tiers)
/// and touches every other model now and then, so a P×M organization really has P×M (project, model) groups.
/// </summary>
internal static class CompletionStreams
{
    public static void Build(StreamBuilder builder, IReadOnlyList<ProjectInfo> projects, IReadOnlyList<CompletionModel> models, int nearCapModel, ulong seed)
    {
        foreach (var project in projects)
        {
            var random = new DeterministicRandom(StableHash.Combine(seed, 0xC0, (ulong)project.Index));
            var primary = PrimaryModels(project, models.Count, nearCapModel, ref random);
            for (var m = 0; m < models.Count; m++)
            {
                var rank = primary.IndexOf(m);
                if (rank >= 0)
                {
                    AddPrimary(builder, project, models[m], 420 * project.Weight / (1 + rank), ref random);
                }
                else
                {
                    var key = random.Next(project.ApiKeyIds.Count);
                    Add(builder, project, models[m], key, project.UserFor(key, random.Next(99)), false, "default", 30 * project.Weight, 0.35, ref random);
                }
            }
        }

        var unattributed = new DeterministicRandom(StableHash.Combine(seed, 0xC1));
        var legacyKey = "key_" + unattributed.NextAlphanumeric(16);
        for (var m = 0; m < Math.Min(2, models.Count); m++)
        {
            Add(builder, null, models[m], legacyKey, null, false, "default", 12, 0.6, ref unattributed);
        }
    }

    private static List<int> PrimaryModels(ProjectInfo project, int modelCount, int nearCapModel, ref DeterministicRandom random)
    {
        var primary = new List<int> { random.Next(Math.Min(modelCount, 4)) };
        if (project.Index == ProjectCatalog.NearCap && !primary.Contains(nearCapModel))
        {
            primary.Insert(0, nearCapModel);
        }

        var wanted = Math.Min(modelCount, 2 + random.Next(2));
        while (primary.Count < wanted)
        {
            var candidate = random.Next(modelCount);
            if (!primary.Contains(candidate))
            {
                primary.Add(candidate);
            }
        }

        return primary;
    }

    private static void AddPrimary(StreamBuilder builder, ProjectInfo project, CompletionModel model, double pairRate, ref DeterministicRandom random)
    {
        var keys = Math.Min(project.ApiKeyIds.Count, 3);
        for (var k = 0; k < keys; k++)
        {
            var share = keys == 1 ? 1.0 : k == 0 ? 0.6 : 0.4 / (keys - 1);
            Add(builder, project, model, k, project.UserFor(k, k), false, "default", pairRate * share, 1, ref random);
        }

        if (project.UserIds.Count > 1 && project.UserFor(0, 1) is { } secondUser)
        {
            Add(builder, project, model, 0, secondUser, false, "default", pairRate * 0.2, 1, ref random);
        }

        if (!model.HasAudio && random.NextDouble() < 0.45)
        {
            Add(builder, project, model, 0, project.UserFor(0, 0), true, "default", pairRate * 0.05, 1, ref random);
        }

        if (random.NextDouble() < 0.3)
        {
            var tier = model.Name.StartsWith('o') || model.Name.StartsWith("gpt-5", StringComparison.Ordinal) ? "flex" : "priority";
            Add(builder, project, model, 0, project.UserFor(0, 0), false, tier, pairRate * 0.15, 1, ref random);
        }
    }

    private static void Add(StreamBuilder builder, ProjectInfo project, CompletionModel model, int keyIndex, string? user, bool batch, string tier, double rate, double activity, ref DeterministicRandom random) =>
        Add(builder, project, model, project.ApiKeyIds[keyIndex], user, batch, tier, rate, activity, ref random);

    private static void Add(StreamBuilder builder, ProjectInfo? project, CompletionModel model, string key, string? user, bool batch, string tier, double rate, double activity, ref DeterministicRandom random)
    {
        var dimensions = StreamBuilder.Dimensions(project, user, key, model.Name, batch, tier);
        builder.Add(project, dimensions, rate, Profile(model, batch, ref random), Bill(model, batch, tier), activity, flat: batch);
    }

    /// <summary>Per request: uncached text in, cached in, audio in, text out, audio out (and the request itself).</summary>
    private static double[] Profile(CompletionModel model, bool batch, ref DeterministicRandom random)
    {
        var input = model.AverageInputTokens * (0.6 + 0.8 * random.NextDouble()) * (batch ? 3 : 1);
        var output = model.AverageOutputTokens * (0.6 + 0.8 * random.NextDouble());
        var cached = batch || model.CachedInput == model.Input ? 0 : (model.HasAudio ? 0.05 : 0.1) + 0.3 * random.NextDouble();
        var audioIn = model.HasAudio ? 0.3 + 0.3 * random.NextDouble() : 0;
        var audioOut = model.HasAudio ? 0.5 : 0;
        return [input * (1 - cached - audioIn), input * cached, input * audioIn, output * (1 - audioOut), output * audioOut, 0];
    }

    private static IEnumerable<Billing> Bill(CompletionModel model, bool batch, string tier)
    {
        var factor = batch || tier == "flex" ? 0.5m : tier == "priority" ? 1.75m : 1m;
        var prefix = model.CostName + (batch ? ", batch " : ", ");
        yield return new Billing(prefix + "input", "tokens", 0, Billing.PerMillion(model.Input * factor));
        if (!batch)
        {
            yield return new Billing(prefix + "cached input", "tokens", 1, Billing.PerMillion(model.CachedInput * factor));
        }

        if (model.HasAudio)
        {
            yield return new Billing(prefix + "audio input", "tokens", 2, Billing.PerMillion(model.AudioInput * factor));
            yield return new Billing(prefix + "audio output", "tokens", 4, Billing.PerMillion(model.AudioOutput * factor));
        }

        yield return new Billing(prefix + "output", "tokens", 3, Billing.PerMillion(model.Output * factor));
    }
}
