namespace UsageAlerts.Storage;

/// <summary>
/// The caps of every project. Usage names dated snapshots (<c>gpt-4o-2024-08-06</c>) while limits are often set on the
/// model family (<c>gpt-4o</c>), shared by its snapshots; so a usage model falls under the exact cap, else under the
/// longest cap name it extends by a date suffix only (<c>gpt-4o-mini-…</c> never falls under <c>gpt-4o</c>). A
/// fine-tuned model (<c>ft:gpt-4o-mini-2024-07-18:org::id</c>) counts under the caps of the model it was tuned from.
/// Alerts and the rate-limits route both match through <see cref="CapModelFor"/>, so they never disagree.
/// </summary>
internal sealed class RateLimitCaps(IReadOnlyDictionary<string, IReadOnlyList<RateLimitRecord>> byProject)
{
    /// <summary>Every cap, in catalog order.</summary>
    public IEnumerable<RateLimitRecord> All => byProject.Values.SelectMany(caps => caps);

    public RateLimitRecord? Find(string? projectId, string? model)
    {
        if (projectId is null || model is null || !byProject.TryGetValue(projectId, out var caps))
        {
            return null;
        }

        return CapModelFor(model, caps.Select(c => c.Model)) is { } capModel ? caps.First(c => c.Model == capModel) : null;
    }

    /// <summary>Which of a project's cap models a usage model's traffic counts against, if any.</summary>
    public static string? CapModelFor(string model, IEnumerable<string> capModels)
    {
        var name = model.StartsWith("ft:", StringComparison.Ordinal) ? model[3..].Split(':')[0] : model;
        return ModelSnapshots.FamilyOf(name, capModels);
    }
}
