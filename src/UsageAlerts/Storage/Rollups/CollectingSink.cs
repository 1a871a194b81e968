namespace UsageAlerts.Storage.Rollups;

/// <summary>Keeps what it is given, for readers that hand records on rather than aggregate them.</summary>
internal sealed class CollectingSink : ISummarySink
{
    public List<UsageRecord> Usage { get; } = [];

    public List<CostRecord> Costs { get; } = [];

    public void Add(UsageRecord row) => Usage.Add(row);

    public void Add(CostRecord row) => Costs.Add(row);
}
