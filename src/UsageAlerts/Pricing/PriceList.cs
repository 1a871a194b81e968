using UsageAlerts.Storage;

namespace UsageAlerts.Pricing;

/// <summary>
/// Prices from the prices file (<see cref="PricingOptions.PricesPath"/>) for line items no rate has been learned for
/// yet (a model never billed before). Learned rates always win: they are what this organization is actually charged.
/// A model's entry also covers its dated snapshots (<c>gpt-5.1</c> prices <c>gpt-5.1-2025-11-13</c>), since line items
/// name the snapshot and pricing pages the model.
/// </summary>
internal sealed class PriceList(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> modelsPerMillionTokens,
    IReadOnlyDictionary<string, decimal> lineItemsPerUnit)
{
    public static readonly PriceList Empty = new(new Dictionary<string, IReadOnlyDictionary<string, decimal>>(), new Dictionary<string, decimal>());

    /// <summary>Token line item types a model entry may price (as <see cref="BillableUsage"/> names them), each also with a "batch " prefix.</summary>
    public static readonly IReadOnlySet<string> TokenTypes = new HashSet<string>(
        ["input", "cached input", "audio input", "cache write", "output", "audio output"], StringComparer.Ordinal);

    public bool IsEmpty => modelsPerMillionTokens.Count == 0 && lineItemsPerUnit.Count == 0;

    /// <summary>USD per unit of the line item, or null when the file does not price it.</summary>
    public decimal? UsdPerUnit(string lineItem)
    {
        if (lineItemsPerUnit.TryGetValue(lineItem, out var perUnit))
        {
            return perUnit;
        }

        var comma = lineItem.IndexOf(", ", StringComparison.Ordinal);
        if (comma < 0)
        {
            return null;
        }

        var type = lineItem[(comma + 2)..];
        var prices = Model(lineItem[..comma]);
        return prices is not null && prices.TryGetValue(type, out var perMillion) ? perMillion / 1_000_000m : null;
    }

    /// <summary>A snapshot is priced as its family when the file prices only the family.</summary>
    private IReadOnlyDictionary<string, decimal>? Model(string model) =>
        ModelSnapshots.FamilyOf(model, modelsPerMillionTokens.Keys) is { } family ? modelsPerMillionTokens[family] : null;
}
