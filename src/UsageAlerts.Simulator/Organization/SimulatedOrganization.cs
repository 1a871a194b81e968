using UsageAlerts.Simulator.Aggregation;
using UsageAlerts.Simulator.Catalog;
using UsageAlerts.Simulator.Generation;
using UsageAlerts.Simulator.Organization;

namespace UsageAlerts.Simulator;

/// <summary>
/// The ground truth of the simulated organization, independent of HTTP. Data exists from <c>Days</c> before the
/// moment of creation up to the last fully elapsed minute of "now" (from the injected <see cref="TimeProvider"/>);
/// a past minute's value never changes except through <see cref="RevisionEpoch"/>.
/// </summary>
public sealed class SimulatedOrganization
{
    private readonly SimulatorOptions _options;
    private readonly OrgCatalog _catalog;
    private readonly Dictionary<UsageKind, UsageSource> _sources;
    private readonly Dictionary<string, IReadOnlyList<SimRateLimit>> _rateLimits;
    private readonly SpendBook _spend;
    private int _revisionEpoch;

    public SimulatedOrganization(SimulatorOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Time = timeProvider ?? TimeProvider.System;
        _catalog = OrgCatalog.Build(options, Timeline.Create(Time.GetUtcNow(), options.Days));
        var shaping = ScenarioPlanner.Shape(options, _catalog);
        var traffic = new TrafficModel(_catalog, shaping);
        _rateLimits = RateLimitPlanner.Plan(_catalog, traffic);
        var nearCapProject = _catalog.Projects[ProjectCatalog.NearCap];
        var cap = _rateLimits[nearCapProject.Id].First(l => l.Model == _catalog.NearCapModel.RateLimitModel).MaxTokensPer1Minute;
        var nearCap = NearCapPlan.Create(options.Scenarios, _catalog, cap, StableHash.Mix((ulong)options.Seed));
        _sources = UsageKinds.All.ToDictionary(kind => kind, kind => new UsageSource(kind, _catalog.Streams[kind], traffic, nearCap));
        Projects = [.. _catalog.Projects.Select(p => new SimProject(p.Id, p.Name, p.ArchivedAt is null ? "active" : "archived", p.CreatedAt, p.ArchivedAt))];
        Scenarios = Describe(options, shaping, nearCapProject, cap, nearCap);
        PriceChange = options.PriceChangeFrom is { } from ? new PriceChange(Timeline.MinuteOf(from), options.PriceChangeFactor) : default;
        // Hard limits count spend at the prices the costs endpoint bills.
        _spend = new SpendBook(_catalog, (buckets, filter, window) =>
            [.. CostAggregator.Aggregate(Sources, LineItems, filter, default, buckets, window, PriceChange).Select(rows => rows.Sum(row => row.Amount))]);
        if (options.Scenarios)
        {
            SpendPlanner.Plan(_spend, _catalog, shaping, Snapshot().Window with { Stops = null });
        }
    }

    public IReadOnlyList<SimProject> Projects { get; }

    public SimScenarios Scenarios { get; }

    /// <summary>
    /// Scales usage of the hours from <c>RevisionWindowHours</c> before the current hour up to now by
    /// 1 + 5 % × epoch, the way OpenAI revises recent buckets upwards.
    /// </summary>
    public int RevisionEpoch
    {
        get => Volatile.Read(ref _revisionEpoch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _revisionEpoch, value);
        }
    }

    internal TimeProvider Time { get; }

    internal IReadOnlyList<LineItem> LineItems => _catalog.LineItems;

    internal IEnumerable<UsageSource> Sources => _sources.Values;

    /// <summary>The price change the options ask for (<see cref="SimulatorOptions.PriceChangeFrom"/>), or none.</summary>
    internal PriceChange PriceChange { get; }

    public IReadOnlyList<SimRateLimit> RateLimits(string projectId) =>
        TryGetRateLimits(projectId, out var limits) ? limits : throw new ArgumentException($"The project {projectId} was not found.", nameof(projectId));

    /// <summary>One row per finest group with usage in [from, to), summed; a minute counts when it starts in the range.</summary>
    public IReadOnlyList<SimUsageRow> Usage(string kind, DateTimeOffset from, DateTimeOffset to)
    {
        var usageKind = UsageKinds.Find(kind) ?? throw new ArgumentException($"Unknown usage kind '{kind}'.", nameof(kind));
        var groups = UsageAggregator.Aggregate(_sources[usageKind], UsageFilter.None, usageKind.Dimensions, [Range(from, to)], Snapshot().Window)[0];
        return [.. groups.Select(group => TruthRows.Usage(usageKind, group))];
    }

    /// <summary>Costs per (project, line item, API key) over [from, to), equal to the sum of the API's buckets.</summary>
    public IReadOnlyList<SimCostRow> Costs(DateTimeOffset from, DateTimeOffset to)
    {
        var groups = CostAggregator.Aggregate(Sources, LineItems, UsageFilter.None, CostGrouping.All, [Range(from, to)], Snapshot().Window, PriceChange)[0];
        return [.. groups.Select(g => new SimCostRow(g.ProjectId, g.LineItem!, g.ApiKeyId, g.Amount, g.Quantity, g.Unit))];
    }

    /// <summary>
    /// Costs as the costs endpoint shows them now: a minute's cost appears <c>CostsLagHours</c> after the minute,
    /// while <see cref="Costs"/> is the full truth, billed or not yet.
    /// </summary>
    public IReadOnlyList<SimCostRow> BilledCosts(DateTimeOffset from, DateTimeOffset to)
    {
        var groups = CostAggregator.Aggregate(Sources, LineItems, UsageFilter.None, CostGrouping.All, [Range(from, to)], BilledWindow(Snapshot().Window), PriceChange)[0];
        return [.. groups.Select(g => new SimCostRow(g.ProjectId, g.LineItem!, g.ApiKeyId, g.Amount, g.Quantity, g.Unit))];
    }

    /// <summary>The hard spend limit of a project (null: the organization); null when none is set.</summary>
    public SimSpendLimit? SpendLimit(string? projectId)
    {
        var scope = ScopeOf(projectId);
        Snapshot();
        return _spend.GetLimit(scope);
    }

    public SimSpendLimit SetSpendLimit(string? projectId, long thresholdCents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdCents, 1);
        var scope = ScopeOf(projectId);
        var (now, _) = Snapshot();
        _spend.SetLimit(scope, thresholdCents, Timeline.MinuteOf(now));
        return SpendLimit(projectId)!;
    }

    public bool DeleteSpendLimit(string? projectId)
    {
        var scope = ScopeOf(projectId);
        var (now, _) = Snapshot();
        return _spend.DeleteLimit(scope, Timeline.MinuteOf(now));
    }

    public IReadOnlyList<SimSpendAlert> SpendAlerts(string? projectId) => _spend.Alerts(ScopeOf(projectId));

    /// <summary>Creates an alert (<paramref name="alertId"/> null) or replaces one; null when the id is unknown.</summary>
    public SimSpendAlert? SaveSpendAlert(string? projectId, string? alertId, long thresholdCents, IReadOnlyList<string> recipients, string? subjectPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(thresholdCents, 1);
        var scope = ScopeOf(projectId);
        return alertId is not null && _spend.Alerts(scope).All(a => a.Id != alertId) ? null : _spend.SaveAlert(scope, alertId, thresholdCents, recipients, subjectPrefix);
    }

    public bool DeleteSpendAlert(string? projectId, string alertId) => _spend.DeleteAlert(ScopeOf(projectId), alertId);

    internal bool IsProject(string projectId) => _catalog.Projects.Any(p => p.Id == projectId);

    internal DataWindow BilledWindow(DataWindow window) =>
        _options.CostsLagHours == 0 ? window : window with { NowMinute = window.NowMinute - (_options.CostsLagHours * 60L) };

    private int? ScopeOf(string? projectId)
    {
        if (projectId is null)
        {
            return null;
        }

        var index = _catalog.Projects.ToList().FindIndex(p => p.Id == projectId);
        return index >= 0 ? index : throw new ArgumentException($"The project {projectId} was not found.", nameof(projectId));
    }

    internal bool TryGetRateLimits(string projectId, out IReadOnlyList<SimRateLimit> limits) =>
        _rateLimits.TryGetValue(projectId, out limits!);

    internal UsageSource Source(UsageKind kind) => _sources[kind];

    /// <summary>"Now" and what is visible then, read once so one request sees one consistent state.</summary>
    internal (DateTimeOffset Now, DataWindow Window) Snapshot()
    {
        var now = Time.GetUtcNow();
        var window = new DataWindow(Timeline.MinuteOf(now), now.ToUnixTimeSeconds() / 3600 - _options.RevisionWindowHours, RevisionEpoch);
        return (now, window with { Stops = _spend.Stops(window) });
    }

    private static MinuteRange Range(DateTimeOffset from, DateTimeOffset to) => new(Timeline.CeilingMinute(from), Timeline.CeilingMinute(to));

    private SimScenarios Describe(SimulatorOptions options, ScenarioShaping shaping, ProjectInfo nearCapProject, long cap, NearCapPlan nearCap)
    {
        var overrun = _catalog.Projects[shaping.OverrunProject];
        var spike = _catalog.Projects[shaping.SpikeProject];
        return new SimScenarios(
            options.Scenarios,
            overrun.Id,
            overrun.Name,
            options.OverrunBudgetUsd,
            ScenarioPlanner.MonthStart(_catalog.Timeline.Origin),
            spike.Id,
            spike.Name,
            DateTimeOffset.FromUnixTimeSeconds(shaping.SpikeDay * 86_400),
            shaping.SpikeFactor,
            nearCapProject.Id,
            nearCapProject.Name,
            _catalog.NearCapModel.Name,
            cap,
            DateTimeOffset.FromUnixTimeSeconds(nearCap.WindowStartMinute * 60),
            DateTimeOffset.FromUnixTimeSeconds(nearCap.WindowEndMinute * 60));
    }
}
