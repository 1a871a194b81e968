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

    [Theory]
    [InlineData("""hardLimits: { "criticalHours": 100 }""", "hardLimits: criticalHours must be more than 0 and at most warningHours (72) (got 100)")]
    [InlineData("""hardLimits: { "warningHours": 0 }""", "hardLimits: warningHours must be more than 0 and at most 744 (got 0)")]
    [InlineData("""hardLimits: { "warningPercent": 120 }""", "hardLimits: warningPercent must be more than 0 and at most 100 (got 120)")]
    [InlineData("""hardLimits: { "receivers": ["nobody"] }""", "hardLimits: receivers names an unknown receiver (got 'nobody')")]
    [InlineData("""hardLimits: { "repeatInterval": "00:01:00" }""", "hardLimits: repeatInterval must be 00:05:00 to 31.00:00:00")]
    [InlineData("""budgets: [{ "name": "B", "period": "week", "amountUsd": 5, "thresholds": [{ "percent": 50 }], "enforce": {} }]""", "budgets[0] \"B\": enforce needs period month")]
    [InlineData("""budgets: [{ "name": "B", "scope": { "projects": ["a", "b"] }, "amountUsd": 5, "thresholds": [{ "percent": 50 }], "enforce": {} }]""", "budgets[0] \"B\": enforce needs a scope of exactly one project or the whole organization")]
    [InlineData("""budgets: [{ "name": "B", "scope": { "projects": ["a"], "models": ["gpt-4o"] }, "amountUsd": 5, "thresholds": [{ "percent": 50 }], "enforce": {} }]""", "enforce needs a scope of exactly one project or the whole organization (no models, lineItems or apiKeys)")]
    [InlineData("""budgets: [{ "name": "B", "amountUsd": 5.001, "thresholds": [{ "percent": 50 }], "enforce": {} }]""", "budgets[0] \"B\": enforce needs amountUsd in whole cents")]
    [InlineData("""budgets: [{ "name": "B1", "scope": { "projects": ["a"] }, "amountUsd": 5, "thresholds": [{ "percent": 50 }], "enforce": {} }, { "name": "B2", "scope": { "projects": ["a"] }, "amountUsd": 6, "thresholds": [{ "percent": 50 }], "enforce": { "dryRun": false } }]""", "budgets: \"B1\" and \"B2\" both set enforce on the hard limit of project a")]
    public void Bad_hard_limit_and_enforce_fields_are_named(string body, string expected)
    {
        var json = body.Replace("budgets:", "\"budgets\":", StringComparison.Ordinal).Replace("hardLimits:", "\"hardLimits\":", StringComparison.Ordinal);

        Assert.Contains(Errors(json), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Hard_limit_cutoffs_are_on_without_a_section_and_enforce_defaults_to_a_dry_run()
    {
        var (rules, errors) = RulesLoader.Parse("{" + Receivers + """
            , "budgets": [{ "name": "B", "scope": { "projects": ["Research"] }, "amountUsd": 5000, "thresholds": [{ "percent": 50 }], "enforce": {} },
                          { "name": "C", "amountUsd": 9000, "thresholds": [{ "percent": 50 }] }]
            }
            """, "rules.json");

        Assert.Empty(errors);
        Assert.True(rules!.HardLimits.Enabled);
        Assert.Equal((72m, 24m, 90m), (rules.HardLimits.WarningHours, rules.HardLimits.CriticalHours, rules.HardLimits.WarningPercent));
        Assert.True(rules.Budgets[0].Enforce!.DryRun);
        Assert.False(rules.Budgets[0].Enforce!.AllowBelowSpend);
        Assert.Null(rules.Budgets[1].Enforce);
        Assert.Contains(Errors("\"hardLimits\": null"), e => e.Contains("hardLimits: must be an object", StringComparison.Ordinal));
        Assert.Contains(Errors("\"hardLimits\": { \"warningHourz\": 5 }"), e => e.Contains("$.hardLimits.warningHourz", StringComparison.Ordinal));
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
