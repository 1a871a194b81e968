namespace UsageAlerts.Storage;

/// <summary>Receives stored rows one at a time as they stream in, so no request ever holds all its rows.</summary>
internal interface ISummarySink
{
    void Add(UsageRecord row);

    void Add(CostRecord row);
}
