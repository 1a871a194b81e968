namespace UsageAlerts.Storage;

/// <summary>
/// Costs have line items, usage has models. Per-model line items are named <c>"&lt;model&gt;, &lt;what&gt;"</c>, sometimes
/// behind a product prefix (<c>"evals | gpt-4o-mini-2024-07-18, input"</c>); that is the only link between the two,
/// so a cost's model is read from it. Line items that are not per model (tool calls, storage) have none.
/// </summary>
internal static class LineItems
{
    public static string? ModelOf(string? lineItem)
    {
        if (string.IsNullOrEmpty(lineItem))
        {
            return null;
        }

        var bar = lineItem.LastIndexOf(" | ", StringComparison.Ordinal);
        var tail = bar < 0 ? lineItem : lineItem[(bar + 3)..];
        var comma = tail.IndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0)
        {
            return null;
        }

        // Model names have no spaces; "file search, storage" is a product, not a model.
        var model = tail[..comma].Trim();
        return model.Length == 0 || model.Contains(' ', StringComparison.Ordinal) ? null : model;
    }
}
