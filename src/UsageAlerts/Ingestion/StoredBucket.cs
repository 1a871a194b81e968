using Azure.Data.Tables;

namespace UsageAlerts.Ingestion;

/// <summary>
/// A bucket ready to store: its rows, and where they live (<see cref="RowKeyPrefix"/> selects exactly this
/// bucket's rows inside <see cref="PartitionKey"/>, so stale groups of a revised bucket can be found and removed).
/// </summary>
internal sealed record StoredBucket(DateTimeOffset Start, DateTimeOffset End, string PartitionKey, string RowKeyPrefix, IReadOnlyList<TableEntity> Rows);
