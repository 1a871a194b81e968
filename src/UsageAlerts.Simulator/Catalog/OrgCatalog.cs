using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>Everything about the organization that does not depend on time: projects, models, streams, line items.</summary>
internal sealed class OrgCatalog
{
    private OrgCatalog(Timeline timeline, IReadOnlyList<ProjectInfo> projects, IReadOnlyList<CompletionModel> models, IReadOnlyDictionary<UsageKind, IReadOnlyList<UsageStream>> streams, IReadOnlyList<LineItem> lineItems)
    {
        Timeline = timeline;
        Projects = projects;
        CompletionModels = models;
        Streams = streams;
        LineItems = lineItems;
    }

    public Timeline Timeline { get; }

    public IReadOnlyList<ProjectInfo> Projects { get; }

    public IReadOnlyList<CompletionModel> CompletionModels { get; }

    public IReadOnlyDictionary<UsageKind, IReadOnlyList<UsageStream>> Streams { get; }

    public IReadOnlyList<LineItem> LineItems { get; }

    /// <summary>gpt-4o-mini where present: running near its cap then costs little, so it does not look like a spike.</summary>
    public CompletionModel NearCapModel => CompletionModels[NearCapModelIndex(CompletionModels.Count)];

    public static OrgCatalog Build(SimulatorOptions options, Timeline timeline)
    {
        var seed = StableHash.Mix((ulong)options.Seed);
        var projects = ProjectCatalog.Build(options, timeline);
        var models = CompletionModel.Take(options.Models, options.Seed);
        var lineItems = new LineItemRegistry();
        var streams = new Dictionary<UsageKind, IReadOnlyList<UsageStream>>();
        foreach (var kind in UsageKinds.All)
        {
            var builder = new StreamBuilder(kind, seed, lineItems);
            if (kind == UsageKinds.Completions)
            {
                CompletionStreams.Build(builder, projects, models, NearCapModelIndex(models.Count), seed);
            }
            else
            {
                ToolStreams.Build(builder, projects, models, seed);
            }

            streams.Add(kind, builder.Streams);
        }

        return new OrgCatalog(timeline, projects, models, streams, lineItems.Items);
    }

    private static int NearCapModelIndex(int modelCount) => Math.Min(1, modelCount - 1);
}
