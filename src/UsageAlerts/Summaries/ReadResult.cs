namespace UsageAlerts.Summaries;

/// <summary>What a read cost: entities fetched from storage (packs and any daily rows), and how many stream-months came from month packs.</summary>
internal readonly record struct ReadResult(long Rows, int RollupMonths);
