namespace UsageAlerts.Pricing;

/// <summary>
/// Usage quantities and the billed line items they are charged under. Per-model line items read
/// <c>"&lt;model&gt;, [batch ]&lt;type&gt;"</c> (<c>"gpt-4o-2024-08-06, cached input"</c>, fine-tunes as <c>"ft-&lt;base&gt;"</c>,
/// images per size: <c>"dall-e-3, 1024x1792"</c>);
/// tool charges have fixed names. A quantity's line item is derived from its usage row, never guessed from prices.
/// </summary>
internal static class BillableUsage
{
    /// <summary>Endpoints OpenAI does not charge for: their usage is free, not unpriced.</summary>
    private static readonly HashSet<string> FreeKinds = new(StringComparer.Ordinal) { "moderations", "vector_stores" };

    /// <summary>Tool line items carry no model; each is one endpoint's one count.</summary>
    private static readonly Dictionary<string, (string Metric, string LineItem)> Tools = new(StringComparer.Ordinal)
    {
        ["web_search_calls"] = ("num_requests", "web search tool calls"),
        ["code_interpreter_sessions"] = ("num_sessions", "assistants api | code interpreter"),
        ["file_search_calls"] = ("num_requests", "assistants api | file search"),
    };

    /// <summary>The billable quantities of one usage row: line item and amount of units, zero quantities left out.</summary>
    public static IEnumerable<(string LineItem, long Quantity)> Quantities(PricedUsage row)
    {
        if (FreeKinds.Contains(row.Kind))
        {
            yield break;
        }

        if (Tools.TryGetValue(row.Kind, out var tool))
        {
            if (row.Metric(tool.Metric) is > 0 and var count)
            {
                yield return (tool.LineItem, count);
            }

            yield break;
        }

        if (row.Model is null)
        {
            yield break;
        }

        var prefix = LineModel(row.Model) + (row.Batch == "true" ? ", batch " : ", ");
        foreach (var (type, quantity) in Types(row))
        {
            if (quantity > 0)
            {
                yield return (prefix + type, quantity);
            }
        }
    }

    /// <summary>The model as line items name it: a fine-tune <c>ft:base:org:name:id</c> is billed as <c>ft-base</c>.</summary>
    public static string LineModel(string model)
    {
        if (!model.StartsWith("ft:", StringComparison.Ordinal))
        {
            return model;
        }

        var end = model.IndexOf(':', 3);
        return "ft-" + (end < 0 ? model[3..] : model[3..end]);
    }

    /// <summary>
    /// Token types as line items name them. <c>input_tokens</c> includes cached, audio and cache-write tokens, which
    /// are billed under their own line items, so plain "input" is what remains.
    /// </summary>
    private static IEnumerable<(string Type, long Quantity)> Types(PricedUsage row) => row.Kind switch
    {
        "audio_speeches" => [("characters", row.Metric("characters"))],
        "audio_transcriptions" => [("transcription", row.Metric("seconds"))],
        "images" => [(row.Size ?? "images", row.Metric("images"))],
        _ =>
        [
            ("input", row.Metric("input_tokens") - row.Metric("input_cached_tokens") - row.Metric("input_audio_tokens") - row.Metric("input_cache_write_tokens")),
            ("cached input", row.Metric("input_cached_tokens")),
            ("audio input", row.Metric("input_audio_tokens")),
            ("cache write", row.Metric("input_cache_write_tokens")),
            ("output", row.Metric("output_tokens") - row.Metric("output_audio_tokens")),
            ("audio output", row.Metric("output_audio_tokens")),
        ],
    };
}
