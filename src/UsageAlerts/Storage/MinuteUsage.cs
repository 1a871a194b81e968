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

    /// <summary>Stored entities read: minute rows, and minute summaries (<see cref="MinuteSummaries"/>).</summary>
    public long RowsRead { get; private set; }

    public DateTimeOffset? DataThrough { get; private set; }

    public void Add(UsageRecord minute)
    {
        Counted();
        Add(minute.Start, minute.ProjectId, minute.Model, minute.Requests, minute.Tokens);
    }

    /// <summary>One more stored entity read.</summary>
    public void Counted() => RowsRead++;

    public void Add(DateTimeOffset minute, string? projectId, string? usageModel, long requests, long tokens)
    {
        var capModel = caps.Find(projectId, usageModel)?.Model ?? usageModel;
        if (!_groups.TryGetValue((projectId, capModel), out var group))
        {
            _groups[(projectId, capModel)] = group = new MinuteTotals();
        }

        group.Add(minute, usageModel, requests, tokens);
        DataThrough = DataThrough is { } seen && seen > minute ? seen : minute;
    }

    /// <summary>The totals that count against <paramref name="cap"/>; null when the window had none.</summary>
    public MinuteTotals? Of(RateLimitRecord cap) => _groups.GetValueOrDefault((cap.ProjectId, cap.Model));
}
