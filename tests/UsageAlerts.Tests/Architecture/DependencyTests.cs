using System.Text;

namespace UsageAlerts.Tests.Architecture;

/// <summary>
/// Feature folders depend one way (OpenAi → Ingestion → Storage ← Alerts/Summaries/Digests → Notifications; Jobs and
/// Http on top; see docs/architecture.md): no two folders may use each other, directly or round a longer loop.
/// </summary>
public sealed class DependencyTests
{
    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Graph() =>
        FeatureGraph.Read(typeof(JobOutcome).Assembly.Location, "UsageAlerts");

    [Fact]
    public void Feature_folders_have_no_cycles()
    {
        var graph = Graph();
        var cycles = FeatureGraph.Cycles(graph);

        Assert.True(cycles.Count == 0, Describe(graph, cycles));
    }

    [Fact]
    public void Storage_uses_no_feature_that_reads_it()
    {
        var storage = Graph()["Storage"];

        Assert.Empty(storage.Intersect(["Alerts", "Summaries", "Digests", "Notifications", "Jobs", "Http", "Health", "Pricing", "Ingestion"]));
    }

    [Fact]
    public void The_graph_sees_the_uses_it_must_see()
    {
        var graph = Graph();

        // Fully qualified, in IL only, or through a generic argument: each must still count.
        Assert.Contains("Storage", graph["Summaries"]);
        Assert.Contains("OpenAi", graph["Ingestion"]);
        Assert.Contains("Ingestion", graph["Jobs"]);
    }

    [Fact]
    public void A_loop_through_three_folders_is_a_cycle()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A", "D" },
            ["D"] = new HashSet<string>(),
        };

        Assert.Equal(["A", "B", "C"], Assert.Single(FeatureGraph.Cycles(graph)));
        Assert.Empty(FeatureGraph.Cycles(new Dictionary<string, IReadOnlySet<string>> { ["A"] = new HashSet<string> { "B" } }));
    }

    private static string Describe(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder();
        foreach (var cycle in cycles)
        {
            text.AppendLine($"cycle: {string.Join(", ", cycle)}");
            foreach (var from in cycle)
            {
                text.AppendLine($"  {from} -> {string.Join(", ", graph[from].Where(cycle.Contains))}");
            }
        }

        return text.ToString();
    }
}
