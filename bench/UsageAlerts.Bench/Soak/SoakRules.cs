namespace UsageAlerts.Bench.Soak;

/// <summary>
/// The rules the soak host runs with: the example rules' budget, spike and headroom alerts (names as in
/// config/rules.json), which the simulator's scenarios make fire, and a digest every minute so the outbox carries
/// traffic through every fault. No organization budget (its forecast is not something the truth states) and no
/// "monitoring is blind" rule (it fires on the injected faults, not on the organization's data).
/// </summary>
internal static class SoakRules
{
    public const string Teams = "finance-teams";
    public const string Slack = "platform-slack";
    public const string Budget = "Research – monthly";
    public const string Spike = "Daily spend spike";
    public const string Headroom = "Tokens and requests per minute";
    public const string Digest = "Soak digest";
    public static readonly int[] BudgetThresholds = [50, 80, 100];
    public static readonly int[] HeadroomThresholds = [80, 97];
    public const decimal BudgetUsd = 2000m;
    public const decimal SpikeFactor = 4m;
    public const decimal SpikeMinimum = 25m;
    public const int SpikeBaselineDays = 14;
    public const int HeadroomWindowMinutes = 60;
    public const int HeadroomResolveMinutes = 15;

    /// <summary>The host's <c>Alerts:DaySettleDelay</c>: spikes judge the last day that ended this long ago.</summary>
    public static readonly TimeSpan DaySettleDelay = TimeSpan.FromHours(6);

    public static string Json => $$"""
        {
          "receivers": [
            { "name": "{{Teams}}", "type": "teams", "secret": "TeamsWebhookUrl" },
            { "name": "{{Slack}}", "type": "slack", "secret": "SlackWebhookUrl" }
          ],
          "budgets": [ { "name": "{{Budget}}", "scope": { "projects": ["Research"] }, "period": "month", "amountUsd": {{BudgetUsd}},
                         "thresholds": [ {{string.Join(", ", BudgetThresholds.Select(t => $"{{ \"percent\": {t}, \"on\": \"actual\" }}"))}} ],
                         "receivers": ["{{Teams}}", "{{Slack}}"], "repeatInterval": "1.00:00:00" } ],
          "spikes": [ { "name": "{{Spike}}", "scope": {}, "metric": "cost", "granularity": "day", "baselineBuckets": {{SpikeBaselineDays}}, "method": "median",
                        "factor": {{SpikeFactor}}, "minimum": {{SpikeMinimum}}, "perProject": true, "receivers": ["{{Teams}}", "{{Slack}}"] } ],
          "rateLimits": [ { "name": "{{Headroom}}", "scope": {}, "thresholds": [{{string.Join(", ", HeadroomThresholds)}}], "windowMinutes": {{HeadroomWindowMinutes}},
                            "resolveAfterMinutes": {{HeadroomResolveMinutes}}, "receivers": ["{{Teams}}", "{{Slack}}"], "repeatInterval": "04:00:00" } ],
          "digests": [ { "name": "{{Digest}}", "schedule": "0 * * * * *", "receivers": ["{{Teams}}", "{{Slack}}"] } ]
        }
        """;
}
