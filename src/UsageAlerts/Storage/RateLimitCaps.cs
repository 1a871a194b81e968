using System.Text.RegularExpressions;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage;

/// <summary>
/// The caps of every project. Usage names dated snapshots (<c>gpt-4o-2024-08-06</c>) while limits are often set on the
/// model family (<c>gpt-4o</c>), shared by its snapshots; so a usage model falls under the exact cap, else under the
/// longest cap name it extends by a date suffix only (<c>gpt-4o-mini-…</c> never falls under <c>gpt-4o</c>). A
/// fine-tuned model (<c>ft:gpt-4o-mini-2024-07-18:org::id</c>) counts under the caps of the model it was tuned from.
/// Alerts and the rate-limits route both match through <see cref="CapModelFor"/>, so they never disagree.
/// </summary>
internal sealed partial class RateLimitCaps(IReadOnlyDictionary<string, IReadOnlyList<RateLimitRecord>> byProject)
{
    public RateLimitRecord? Find(string? projectId, string? model)
    {
        if (projectId is null || model is null || !byProject.TryGetValue(projectId, out var caps))
        {
            return null;
        }

        return CapModelFor(model, caps.Select(c => c.Model)) is { } capModel ? caps.First(c => c.Model == capModel) : null;
    }

    /// <summary>Which of a project's cap models a usage model's traffic counts against, if any.</summary>
    public static string? CapModelFor(string model, IEnumerable<string> capModels)
    {
        var name = model.StartsWith("ft:", StringComparison.Ordinal) ? model[3..].Split(':')[0] : model;
        var candidates = capModels.ToList();
        return candidates.FirstOrDefault(c => c == name)
            ?? candidates.Where(c => name.StartsWith(c, StringComparison.Ordinal) && SnapshotSuffix().IsMatch(name.AsSpan(c.Length))).MaxBy(c => c.Length);
    }

    public static async Task<RateLimitCaps> LoadAsync(TableStore tables, IReadOnlySet<string>? projects, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var first = "ratelimit" + KeyEncoder.Separator;
        var filter = projects is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey lt {"ratelimit" + (char)(KeyEncoder.Separator + 1)}")
            : string.Join(" or ", projects.Order(StringComparer.Ordinal).Select(p => TableClient.CreateQueryFilter($"PartitionKey eq {CatalogRows.RateLimitPartition(p)}")));
        string[] columns = [CatalogRows.ProjectId, CatalogRows.Model, CatalogRows.MaxRequestsPerMinute, CatalogRows.MaxTokensPerMinute];
        var caps = new Dictionary<string, List<RateLimitRecord>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            if (row.GetString(CatalogRows.ProjectId) is not { } project || row.GetString(CatalogRows.Model) is not { } model)
            {
                continue;
            }

            if (!caps.TryGetValue(project, out var list))
            {
                caps[project] = list = [];
            }

            list.Add(new RateLimitRecord(project, model, Integer(row, CatalogRows.MaxRequestsPerMinute), Integer(row, CatalogRows.MaxTokensPerMinute)));
        }

        return new RateLimitCaps(caps.ToDictionary(c => c.Key, c => (IReadOnlyList<RateLimitRecord>)c.Value, StringComparer.Ordinal));
    }

    private static long? Integer(TableEntity row, string column) => row.TryGetValue(column, out var value) && value is long or int
        ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
        : null;

    [GeneratedRegex(@"^-(\d{4}-\d{2}-\d{2}|\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();
}
