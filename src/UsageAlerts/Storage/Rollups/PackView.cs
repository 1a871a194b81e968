namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// The shape a read wants each pack in: whole (every group as stored), or summed over every dimension it does not
/// keep. Days are a pack's own, so a view never needs to keep a period. Each view of a pack is cached apart, under
/// <see cref="Key"/>.
/// </summary>
internal sealed class PackView
{
    private readonly Dimension[]? _keep;

    private PackView(Dimension[]? keep, bool keepsWhole)
    {
        _keep = keep;
        KeepsWhole = keepsWhole;
        Key = keep is null ? "whole" : string.Join(',', keep);
    }

    public static PackView Whole { get; } = new(null, keepsWhole: false);

    /// <summary>One usage record per pack and one cost record per estimated flag: for requests that group and filter by time only.</summary>
    public static PackView Totals { get; } = new([], keepsWhole: false);

    /// <summary>
    /// The groups of the kept dimensions, for a reader that asks several views of the same packs in turn (the
    /// dashboard): the whole pack is cached too when decoded, so each further view is derived from memory.
    /// </summary>
    public static PackView Keeping(IEnumerable<Dimension> keep) =>
        new([.. keep.Where(d => d is Dimension.Project or Dimension.Model or Dimension.LineItem or Dimension.ApiKey).Distinct().Order()], keepsWhole: true);

    public string Key { get; }

    public bool IsWhole => _keep is null;

    /// <summary>Whether decoding for this view also caches the whole pack.</summary>
    public bool KeepsWhole { get; }

    public DecodedPack Shape(DecodedPack whole) => _keep is null ? whole : whole.SummedTo(_keep);
}
