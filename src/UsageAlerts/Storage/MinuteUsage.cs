namespace UsageAlerts.Storage;

/// <summary>
/// One-minute usage folded per project and cap model (see <see cref="HeadroomReader"/>), with how much was read and
/// the newest minute seen.
/// </summary>
internal sealed class MinuteUsage(RateLimitCaps caps)
{
    private readonly Dictionary<(string? ProjectId, string? Model), MinuteTotals> _groups = [];

    public RateLimitCaps Caps => caps;

    /// <summary>Keyed by project and the model its cap is set on, or the usage model when no cap matches.</summary>
    public IReadOnlyDictionary<(string? ProjectId, string? Model), MinuteTotals> Groups => _groups;

    public long RowsRead { get; private set; }

    public DateTimeOffset? DataThrough { get; private set; }

    public void Add(UsageRecord minute)
    {
        RowsRead++;
        var capModel = caps.Find(minute.ProjectId, minute.Model)?.Model ?? minute.Model;
        if (!_groups.TryGetValue((minute.ProjectId, capModel), out var group))
        {
            _groups[(minute.ProjectId, capModel)] = group = new MinuteTotals();
        }

        group.Add(minute.Start, minute.Model, minute.Requests, minute.Tokens);
        DataThrough = DataThrough is { } seen && seen > minute.Start ? seen : minute.Start;
    }

    /// <summary>The totals that count against <paramref name="cap"/>; null when the window had none.</summary>
    public MinuteTotals? Of(RateLimitRecord cap) => _groups.GetValueOrDefault((cap.ProjectId, cap.Model));
}
