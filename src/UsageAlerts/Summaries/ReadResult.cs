namespace UsageAlerts.Summaries;

/// <summary>
/// What a read cost: entities fetched from storage (packs, keys of cached packs, and any daily rows), how many
/// stream-months came from month packs, and how many packs had to be decoded (the others came from the pack cache).
/// </summary>
internal readonly record struct ReadResult(long Rows, int RollupMonths, int PacksDecoded = 0);
