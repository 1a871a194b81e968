using System.Text.Json.Serialization;

namespace UsageAlerts.Rules;

/// <summary>
/// The rules file: who gets told (receivers), and about what (budgets, spikes, rate-limit headroom, blind
/// monitoring, OpenAI's hard spend limits), with silences and digests. Loaded strictly: an unknown property is an error, not a silent default.
/// </summary>
internal sealed class RulesDocument
{
    /// <summary>Editors use it to find rules.schema.json; the app ignores it.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public List<ReceiverRule> Receivers { get; init; } = [];

    /// <summary>Receives alerts of rules that name no receivers.</summary>
    public string? DefaultReceiver { get; init; }

    public List<BudgetRule> Budgets { get; init; } = [];

    public List<SpikeRule> Spikes { get; init; } = [];

    public List<RateLimitRule> RateLimits { get; init; } = [];

    public BlindRule? Blind { get; init; }

    /// <summary>Cutoff forecasts for OpenAI's hard spend limits; present with its defaults when the file leaves it out.</summary>
    public HardLimitRule HardLimits { get; init; } = new();

    public List<SilenceRule> Silences { get; init; } = [];

    public List<DigestRule> Digests { get; init; } = [];
}

internal sealed class ReceiverRule
{
    public string Name { get; init; } = "";

    public ReceiverType Type { get; init; }

    /// <summary>Name of the secret holding the webhook URL (Key Vault in Azure, <c>Secrets:&lt;name&gt;</c> locally).</summary>
    public string Secret { get; init; } = "";
}

internal enum ReceiverType
{
    Teams,
    Slack,
}

/// <summary>What a rule looks at. Empty lists mean "all"; projects match by id or by name.</summary>
internal sealed class ScopeRule
{
    public List<string> Projects { get; init; } = [];

    /// <summary>Costs carry no model: a model matches line items that start with it (<c>gpt-4o-2024-08-06, input</c>).</summary>
    public List<string> Models { get; init; } = [];

    /// <summary>A line-item pattern with <c>*</c> wildcards, case-insensitive (e.g. <c>gpt-4o*</c>).</summary>
    public string? LineItems { get; init; }

    public List<string> ApiKeys { get; init; } = [];

    public bool IsEverything => Projects.Count == 0 && Models.Count == 0 && LineItems is null && ApiKeys.Count == 0;
}
