using UsageAlerts.Rules;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Alerts;

public sealed class RulesTests
{
    private const string Receivers = """
        "receivers": [ { "name": "team", "type": "slack", "secret": "SlackWebhookUrl" } ], "defaultReceiver": "team"
        """;

    private static IReadOnlyList<string> Errors(string body) => RulesLoader.Parse("{" + Receivers + "," + body + "}", "rules.json").Errors;

    [Fact]
    public async Task The_shipped_example_loads_and_matches_its_schema()
    {
        var path = Path.Combine(RepoPaths.Root, "config", "rules.json");
        var (rules, errors) = RulesLoader.Load(path);

        Assert.Empty(errors);
        Assert.NotEmpty(rules!.Budgets);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Root, "config", "rules.schema.json"));
        Assert.Empty(schema.Validate(File.ReadAllText(path)));
    }

    [Theory]
    [InlineData("""budgets: [{ "name": "B", "amountUsd": -5, "thresholds": [{ "percent": 50 }] }]""", "budgets[0] \"B\": amountUsd must be more than 0")]
    [InlineData("""budgets: [{ "name": "B", "amountUsd": 5, "thresholds": [{ "percent": 80 }, { "percent": 50 }] }]""", "budgets[0] \"B\": thresholds must be in ascending order (80 then 50)")]
    [InlineData("""budgets: [{ "name": "B", "amountUsd": 5, "thresholds": [{ "percent": 5000 }] }]""", "thresholds[0] must be more than 0 and at most 1000 (got 5000)")]
    [InlineData("""budgets: [{ "name": "B", "amountUsd": 5, "thresholds": [{ "percent": 50 }], "receivers": ["nobody"] }]""", "budgets[0] \"B\": receivers names an unknown receiver (got 'nobody')")]
    [InlineData("""spikes: [{ "name": "S", "metric": "cost", "granularity": "hour" }]""", "spikes[0] \"S\": granularity hour needs metric tokens or requests")]
    [InlineData("""budgets: [{ "id": "has space", "name": "B", "amountUsd": 5, "thresholds": [{ "percent": 50 }] }]""", "budgets[0] \"B\": id must be 1-64 letters, digits, dots, dashes or underscores (got 'has space')")]
    [InlineData("""spikes: [{ "id": "s", "name": "S1" }, { "id": "s", "name": "S2" }]""", "spikes: id 's' is used more than once")]
    [InlineData("""rateLimits: [{ "id": "R2", "name": "R1" }, { "name": "R2" }]""", "rateLimits: name 'R2' is another rule's id")]
    [InlineData("""rateLimits: [{ "name": "R", "thresholds": [95, 80] }]""", "rateLimits[0] \"R\": thresholds must be in ascending order")]
    [InlineData("""digests: [{ "name": "D", "schedule": "0 8 * * *" }]""", "digests[0] \"D\": schedule '0 8 * * *' is not a 6-field NCRONTAB")]
    [InlineData("""silences: [{ "rule": "x", "startsAt": "2026-01-02T00:00:00Z", "endsAt": "2026-01-01T00:00:00Z" }]""", "silences[0]: endsAt must be after startsAt")]
    public void A_bad_rule_is_named_with_its_field(string body, string expected)
    {
        var json = body.Replace("budgets:", "\"budgets\":", StringComparison.Ordinal).Replace("spikes:", "\"spikes\":", StringComparison.Ordinal)
            .Replace("rateLimits:", "\"rateLimits\":", StringComparison.Ordinal).Replace("digests:", "\"digests\":", StringComparison.Ordinal).Replace("silences:", "\"silences\":", StringComparison.Ordinal);

        Assert.Contains(Errors(json), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_properties_and_wrong_types_are_named_by_path()
    {
        Assert.Contains(Errors("""
            "budgets": [{ "name": "B", "amountUsd": 5, "treshold": [] }]
            """), e => e.Contains("$.budgets[0].treshold", StringComparison.Ordinal));
        Assert.Contains(Errors("""
            "budgets": [{ "name": "B", "amountUsd": "lots", "thresholds": [] }]
            """), e => e.Contains("$.budgets[0].amountUsd", StringComparison.Ordinal));
        Assert.Contains(Errors("""
            "budgets": [{ "name": "B", "amountUsd": 1, "period": "fortnight", "thresholds": [] }]
            """), e => e.Contains("$.budgets[0].period", StringComparison.Ordinal));
    }

    [Fact]
    public void A_receiver_holding_a_url_instead_of_a_secret_name_is_refused_without_echoing_it()
    {
        var (_, errors) = RulesLoader.Parse("""{ "receivers": [ { "name": "t", "type": "slack", "secret": "https://hooks.slack.com/services/T1/B1/abc" } ] }""", "rules.json");

        var error = Assert.Single(errors);
        Assert.Contains("not a URL (got 'a URL')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.slack.com", error, StringComparison.Ordinal);
    }
}
