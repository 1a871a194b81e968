using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// One entity per stored one-minute bucket holding that minute's requests and tokens per (project, model), written
/// by ingestion with the minute's rows so headroom reads one entity a minute instead of every row (issue 14). It
/// lives in the rows' own day partition, so it is batched and expired with them; its row key <c>~HHmm</c> sorts
/// after every row (<c>HHmm|…</c>), so a bucket's row-key prefix never selects it and readers of rows exclude it
/// with <see cref="RowsEnd"/>. A re-polled minute replaces it, never adds to it.
/// </summary>
internal static class MinuteSummaries
{
    /// <summary>Every usage row key sorts before this; every summary's key starts with it.</summary>
    public const string RowsEnd = "~";
    public const string Minute = nameof(Minute);
    public const string Groups = nameof(Groups);

    public static string Row(DateTimeOffset minute) =>
        RowsEnd + minute.UtcDateTime.ToString("HHmm", CultureInfo.InvariantCulture);

    /// <summary>The summary of a minute bucket's rows (usage rows with request and token metrics).</summary>
    public static TableEntity For(string partition, DateTimeOffset minute, IEnumerable<TableEntity> rows)
    {
        var totals = new Dictionary<(string? Project, string? Model), (long Requests, long Tokens)>();
        foreach (var row in rows)
        {
            var key = (row.GetString(UsageRows.ProjectId), row.GetString(UsageRows.Model));
            var current = totals.GetValueOrDefault(key);
            totals[key] = (
                current.Requests + Metric(row, UsageRecord.RequestsMetric),
                current.Tokens + Metric(row, UsageRecord.InputTokensMetric) + Metric(row, UsageRecord.OutputTokensMetric));
        }

        var entity = new TableEntity(partition, Row(minute)) { [Minute] = minute, [Groups] = totals.Count };
        // Marked oversized when the groups do not fit one entity: readers then fall back to the minute's rows.
        ChunkedColumns.Write(entity, Encode(totals));
        return entity;
    }

    /// <summary>The minute's groups, or null when they were too many to store (read the rows instead).</summary>
    public static IReadOnlyList<(string? Project, string? Model, long Requests, long Tokens)>? Read(TableEntity entity)
    {
        if (ChunkedColumns.Read(entity) is not { } bytes)
        {
            return null;
        }

        using var data = new MemoryStream(bytes);
        using var reader = new BinaryReader(data, Encoding.UTF8);
        if (data.Length == 0)
        {
            return [];
        }

        var strings = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        var groups = new (string?, string?, long, long)[reader.Read7BitEncodedInt()];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = (String(reader, strings), String(reader, strings), reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        }

        return groups;
    }

    /// <summary>Project ids and model names repeat across a minute's groups: each is written once, then indexed.</summary>
    private static byte[] Encode(Dictionary<(string? Project, string? Model), (long Requests, long Tokens)> totals)
    {
        if (totals.Count == 0)
        {
            return [];
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (project, model) in totals.Keys)
        {
            foreach (var value in new[] { project, model })
            {
                if (value is not null)
                {
                    index.TryAdd(value, index.Count);
                }
            }
        }

        using var data = new MemoryStream();
        using (var writer = new BinaryWriter(data, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(index.Count);
            foreach (var value in index.OrderBy(p => p.Value))
            {
                writer.Write(value.Key);
            }

            writer.Write7BitEncodedInt(totals.Count);
            foreach (var ((project, model), (requests, tokens)) in totals)
            {
                // 0 stands for "no value", so a row without a project or model keeps its null.
                writer.Write7BitEncodedInt(project is null ? 0 : index[project] + 1);
                writer.Write7BitEncodedInt(model is null ? 0 : index[model] + 1);
                writer.Write7BitEncodedInt64(requests);
                writer.Write7BitEncodedInt64(tokens);
            }
        }

        return data.ToArray();
    }

    private static string? String(BinaryReader reader, string[] strings) =>
        reader.Read7BitEncodedInt() is var i && i == 0 ? null : strings[i - 1];

    private static long Metric(TableEntity row, string column) => EntityValues.Int64(row, column) ?? 0;
}
