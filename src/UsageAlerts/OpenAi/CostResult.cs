namespace UsageAlerts.OpenAi;

/// <summary>One costs result: an amount in US dollars, exact as OpenAI printed it (number or numeric string).</summary>
public sealed record CostResult(
    decimal AmountUsd,
    string Currency,
    string? LineItem,
    string? ProjectId,
    string? ApiKeyId,
    decimal? Quantity,
    string? QuantityUnit,
    string? OrganizationId = null);
