namespace UsageAlerts.Pricing;

/// <summary>
/// USD per unit of one line item at one service tier, learned from a day's bill. <see cref="Blended"/> marks a rate
/// shared by every tier because the day's figures could not tell the tiers apart.
/// </summary>
internal sealed record UnitRate(string LineItem, string Tier, decimal UsdPerUnit, bool Blended);
