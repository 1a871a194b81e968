namespace UsageAlerts.Summaries;

/// <summary>What a read cost: rows fetched from storage, and how many stream-months came from rollups.</summary>
internal readonly record struct ReadResult(long Rows, int RollupMonths);
