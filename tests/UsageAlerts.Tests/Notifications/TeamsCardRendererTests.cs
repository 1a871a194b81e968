using System.Text.Json.Nodes;
using UsageAlerts.Notifications.Teams;

namespace UsageAlerts.Tests.Notifications;

/// <summary>What Teams' own Adaptive Cards renderer makes of every card we send, and of broken ones.</summary>
public sealed class TeamsCardRendererTests(TeamsCardRendererTests.Batch batch) : IClassFixture<TeamsCardRendererTests.Batch>
{
    public static TheoryData<string> Cards => [.. TeamsCards.All.Keys];

    [Theory]
    [MemberData(nameof(Cards))]
    public void Teams_renderer_parses_validates_and_draws_the_card_without_a_problem(string name)
    {
        var problems = batch.Problems[name];

        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }

    /// <summary>Each break is made in a real card, so the check is shown to look where our cards put things.</summary>
    [Theory]
    [InlineData("element-from-1.5", "parse: UnknownElementType: Unknown element type \"Table\"")]
    [InlineData("unknown-property", "TextBlock: unknown property \"colour\"")]
    [InlineData("host-property-off-the-root", "Container: unknown property \"msteams\"")]
    [InlineData("version-1.5", "validation: UnsupportedCardVersion")]
    [InlineData("version-missing", "card version undefined is not 1.0 to 1.4")]
    [InlineData("property-from-1.5", "parse: UnsupportedProperty: Property \"style\" is supported in version 1.5")]
    [InlineData("value-not-in-the-set", "parse: InvalidPropertyValue: Invalid value \"huge\" for property \"size\"")]
    [InlineData("text-missing", "render: a TextBlock was parsed but not drawn")]
    [InlineData("link-missing", "validation: PropertyCantBeNull: Property \"url\" must be set")]
    public void A_broken_card_fails_the_check(string broken, string expected)
    {
        var problems = batch.Problems[BrokenPrefix + broken];

        Assert.True(problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), $"expected \"{expected}\" among:\n" + string.Join("\n", problems));
    }

    private const string BrokenPrefix = "broken/";

    private static Dictionary<string, JsonObject> Broken()
    {
        var cards = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        void Add(string name, Action<JsonObject> breakIt)
        {
            var card = TeamsCards.Card(new TeamsRenderer().Render(NoticeSamples.Grouped).Body);
            breakIt(card);
            cards[BrokenPrefix + name] = card;
        }

        Add("element-from-1.5", c => c["body"]!.AsArray().Add(JsonNode.Parse("""{"type":"Table","columns":[],"rows":[]}""")));
        Add("unknown-property", c => First(c, "TextBlock")["colour"] = "good");
        Add("host-property-off-the-root", c => First(c, "Container")["msteams"] = JsonNode.Parse("""{"width":"Full"}"""));
        Add("version-1.5", c => c["version"] = "1.5");
        Add("version-missing", c => c.Remove("version"));
        Add("property-from-1.5", c => First(c, "TextBlock")["style"] = "heading");
        Add("value-not-in-the-set", c => First(c, "TextBlock")["size"] = "huge");
        Add("text-missing", c => First(c, "TextBlock").Remove("text"));
        Add("link-missing", c => First(c, "Action.OpenUrl").Remove("url"));
        return cards;
    }

    private static JsonObject First(JsonNode node, string type) => Objects(node).First(o => (string?)o["type"] == type);

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => [obj, .. obj.SelectMany(p => Objects(p.Value))],
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    /// <summary>Every card of <see cref="TeamsCards"/> and every broken one, through the renderer in one node process.</summary>
    public sealed class Batch : IAsyncLifetime
    {
        internal IReadOnlyDictionary<string, IReadOnlyList<string>> Problems { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

        public async Task InitializeAsync()
        {
            var cards = TeamsCards.All.ToDictionary(c => c.Key, c => TeamsCards.Card(c.Value), StringComparer.Ordinal);
            foreach (var (name, card) in Broken())
            {
                cards.Add(name, card);
            }

            Problems = await AdaptiveCardsRenderer.CheckAsync(cards);
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
