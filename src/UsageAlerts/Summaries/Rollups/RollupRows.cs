using System.Globalization;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries.Rollups;

/// <summary>
/// Layout of the rollups table. A partition is one stream's month (<c>completions.1d|202610</c>); its rows have the
/// daily rows' columns and group keys (without the bucket time), summed over the month, so they read exactly like
/// daily rows dated the first of the month. A marker row, written last, says the month is complete.
/// </summary>
internal static class RollupRows
{
    /// <summary>Group keys always hold separators; this one has none, so it cannot collide with a group.</summary>
    public const string Marker = "!built";
    public const string SourceRows = nameof(SourceRows);
    public const string BuiltAt = nameof(BuiltAt);

    public static string Partition(string stream, DateOnly month) =>
        $"{stream}{KeyEncoder.Separator}{month.ToString("yyyyMM", CultureInfo.InvariantCulture)}";

    /// <summary>A daily row's group: usage keys start with the bucket's <c>HHmm|</c>, cost keys are the group already.</summary>
    public static string Group(string dailyRowKey, bool usage) => usage ? dailyRowKey[(dailyRowKey.IndexOf(KeyEncoder.Separator, StringComparison.Ordinal) + 1)..] : dailyRowKey;
}
