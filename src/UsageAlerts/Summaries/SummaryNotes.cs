using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>The plain-language caveats a summary carries, only those that apply to the request.</summary>
internal static class SummaryNotes
{
    public static IReadOnlyList<string> For(SummaryQuery query, DateOnly provisionalFrom, ReadResult read)
    {
        var notes = new List<string>
        {
            $"Costs are USD as OpenAI reports them, unrounded. Costs dated {Periods.Format(provisionalFrom)} or later are provisional: the UTC day is not over and OpenAI's costs lag. A null cost means no cost data for the group (unknown, not zero).",
            "model_requests counts num_model_requests of the model endpoints (completions, embeddings, moderations, images, audio); vector_store_bytes is the peak daily total of stored bytes, not a sum over days.",
        };
        if (Uses(query, Dimension.Model))
        {
            notes.Add("Costs carry no model: a cost's model is read from its line item ('gpt-4o-2024-08-06, input' and 'evals | gpt-4o-2024-08-06, input' give 'gpt-4o-2024-08-06'). Line items that are not per model (tool calls, storage) have model null; fine-tuned models are named as the line item names them, which can differ from usage's model name.");
        }

        if (query.GroupBy.Contains(Dimension.LineItem))
        {
            notes.Add("Usage has no line item: all usage counts under line_item null, costs under their line items.");
        }

        if (query.Filter.ExcludesUsage)
        {
            notes.Add("A line_item filter keeps costs only; usage metrics are zero.");
        }

        if (query.GroupBy.Contains(Dimension.Week))
        {
            notes.Add("Weeks are ISO weeks (Monday to Sunday, UTC), named by their Monday; the first and last week can be partial.");
        }

        if (read.RollupMonths > 0)
        {
            notes.Add($"{read.RollupMonths} stream-months that ingestion no longer changes were read as month packs (the same numbers, fewer entities).");
        }

        return notes;
    }

    private static bool Uses(SummaryQuery query, Dimension dimension) => query.GroupBy.Contains(dimension) || query.Filter.For(dimension) is not null;
}
