namespace UsageAlerts.OpenAi;

/// <summary>What <c>enforcement.status</c> says of a hard spend limit.</summary>
public enum SpendEnforcement
{
    Inactive,
    Enforcing,
}

/// <summary>
/// A monthly hard spend limit of the organization or a project (<c>spend_limit</c>), converted from OpenAI's integer
/// cents. A zero threshold is how OpenAI's documented example answers when nothing is configured.
/// </summary>
public sealed record SpendLimit(decimal ThresholdUsd, SpendEnforcement Enforcement);

/// <summary>A monthly spend alert (an e-mail when spend reaches the threshold); recipients are counted, not kept.</summary>
public sealed record SpendAlert(string Id, decimal ThresholdUsd, int Recipients);
