namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// The shape a read wants each pack in: whole (every group as stored), or summed over every dimension it does not
/// keep. Days are a pack's own, so a view never needs to keep a period. Each view of a pack is cached apart, under
/// <see cref="Key"/>.
/// </summary>
internal sealed class PackView
{
    private readonly Dimension[]? _keep;

    private PackView(Dimension[]? keep)
    {
        _keep = keep;
        Key = keep is null ? "whole" : string.Join(',', keep);
    }

    public static PackView Whole { get; } = new(null);

    /// <summary>One usage record per pack and one cost record per estimated flag: for requests that group and filter by time only.</summary>
    public static PackView Totals { get; } = new([]);

    /// <summary>
    /// The groups of the kept dimensions (periods are dropped: a pack is one day or month); <see cref="Totals"/> when
    /// none is left. Each view is cached on its own and the whole pack is not kept for it: a
    /// year of whole packs would push the views out of the cache (a 365-day dashboard then re-read entities on every
    /// request), so a cold read decodes once per view instead.
    /// </summary>
    public static PackView Keeping(IEnumerable<Dimension> keep)
    {
        Dimension[] kept = [.. keep.Where(d => d is Dimension.Project or Dimension.Model or Dimension.LineItem or Dimension.ApiKey).Distinct().Order()];
        return kept.Length == 0 ? Totals : new(kept);
    }

    public string Key { get; }

    public bool IsWhole => _keep is null;

    public DecodedPack Shape(DecodedPack whole) => _keep is null ? whole : whole.SummedTo(_keep);
}
