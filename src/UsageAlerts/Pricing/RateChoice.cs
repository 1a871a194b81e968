namespace UsageAlerts.Pricing;

/// <summary>Which rate prices a line item's usage: a learned rate whenever one exists for it, else the prices file's, else none (unpriced).</summary>
internal static class RateChoice
{
    /// <summary>
    /// The learned rate of <paramref name="tier"/>, of the default tier, or any the line item has (a tier the rates
    /// never saw is priced like the others); failing that the file's price, marked <paramref name="fromFile"/>; null
    /// when neither prices it.
    /// </summary>
    public static UnitRate? For(ILookup<string, UnitRate> learned, PriceList prices, string lineItem, string tier, out bool fromFile)
    {
        fromFile = false;
        var candidates = learned[lineItem].ToList();
        if (candidates.Count > 0)
        {
            return candidates.FirstOrDefault(r => r.Tier == tier) ?? candidates.FirstOrDefault(r => r.Tier == "default") ?? candidates[0];
        }

        if (prices.UsdPerUnit(lineItem) is not { } usd)
        {
            return null;
        }

        fromFile = true;
        return new UnitRate(lineItem, tier, usd, Blended: false);
    }
}
