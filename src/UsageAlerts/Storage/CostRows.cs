using System.Globalization;

namespace UsageAlerts.Storage;

/// <summary>
/// Key and column layout of cost rows: one partition per UTC day (a cost bucket), one row per project, line item
/// and API key. Amounts are stored as invariant decimal text, because Table Storage has no decimal type and a
/// double would lose cents over a year of sums.
/// </summary>
internal static class CostRows
{
    public const string BucketStart = nameof(BucketStart);
    public const string BucketEnd = nameof(BucketEnd);
    public const string ProjectId = nameof(ProjectId);
    public const string LineItem = nameof(LineItem);
    public const string ApiKeyId = nameof(ApiKeyId);
    public const string AmountUsd = nameof(AmountUsd);
    public const string Currency = nameof(Currency);
    public const string Quantity = nameof(Quantity);
    public const string QuantityUnit = nameof(QuantityUnit);

    public static string Partition(string stream, DateTimeOffset day) => UsageRows.Partition(stream, day);

    public static string Row(string? projectId, string? lineItem, string? apiKeyId) => KeyEncoder.Join(projectId, lineItem, apiKeyId);

    public static string FormatAmount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseAmount(string? text) =>
        text is null ? 0m : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
