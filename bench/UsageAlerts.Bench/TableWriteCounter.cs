using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace UsageAlerts.Bench;

/// <summary>
/// Counts what the app writes to Table Storage from outside it, in the Tables client's pipeline: every write request
/// (an entity group transaction, or a single insert, upsert, merge or delete) is one transaction, attributed to its
/// table and partition together with the rows it touched. Reads and table creation are not counted. Placed per retry,
/// so a retried write counts as the transactions it really costs.
/// </summary>
internal sealed partial class TableWriteCounter : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Table, string Partition), PartitionTally> _partitions = [];

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request, NeedsBody(message.Request) ? ReadBody(message.Request.Content!) : null);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message.Request, NeedsBody(message.Request) ? await ReadBodyAsync(message.Request.Content!) : null);
        await ProcessNextAsync(message, pipeline);
    }

    /// <summary>The writes since the last call, per partition; starts counting afresh.</summary>
    public IReadOnlyList<PartitionWrites> TakeRound()
    {
        lock (_gate)
        {
            var round = _partitions.Select(p => new PartitionWrites(p.Key.Table, p.Key.Partition, p.Value.Transactions, p.Value.Rows.Count)).ToList();
            _partitions.Clear();
            return round;
        }
    }

    private void Record(Request request, string? body)
    {
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            return;
        }

        var target = LastSegment(request.Uri.ToUri().AbsolutePath);
        if (target == "Tables" || target.StartsWith("Tables(", StringComparison.Ordinal))
        {
            return;
        }

        var keys = target == "$batch" ? BatchKeys(body!) : [KeyOf(target, body)];
        lock (_gate)
        {
            // A transaction holds one partition, so its first row says where it went.
            var (table, partition, _) = keys[0];
            if (!_partitions.TryGetValue((table, partition), out var tally))
            {
                tally = new PartitionTally();
                _partitions[(table, partition)] = tally;
            }

            tally.Transactions++;
            tally.Rows.UnionWith(keys.Select(k => k.Row));
        }
    }

    /// <summary>The rows of an entity group transaction: one sub-request line each, keys in its URL or, for an insert, in its JSON body.</summary>
    private static List<EntityKey> BatchKeys(string body)
    {
        var keys = new List<EntityKey>();
        string? insertInto = null;
        foreach (var line in body.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (SubRequest().Match(line) is { Success: true } request)
            {
                var target = LastSegment(request.Groups["url"].Value.Split('?')[0]);
                insertInto = UrlKey().IsMatch(target) ? null : target;
                if (insertInto is null)
                {
                    keys.Add(KeyOf(target, null));
                }
            }
            else if (insertInto is not null && line.StartsWith('{'))
            {
                keys.Add(KeyOf(insertInto, line));
                insertInto = null;
            }
        }

        return keys;
    }

    private static EntityKey KeyOf(string target, string? body)
    {
        if (UrlKey().Match(target) is { Success: true } url)
        {
            return new EntityKey(url.Groups["table"].Value, Unquote(url.Groups["pk"].Value), Unquote(url.Groups["rk"].Value));
        }

        using var json = JsonDocument.Parse(body ?? throw new InvalidOperationException($"A write to {target} names no entity."));
        return new EntityKey(target, json.RootElement.GetProperty("PartitionKey").GetString()!, json.RootElement.GetProperty("RowKey").GetString()!);
    }

    private static bool NeedsBody(Request request) => request.Method == RequestMethod.Post && request.Content is not null;

    private static string ReadBody(RequestContent content)
    {
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<string> ReadBodyAsync(RequestContent content)
    {
        using var buffer = new MemoryStream();
        await content.WriteToAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Keys in URLs are percent-escaped with single quotes doubled.</summary>
    private static string Unquote(string value) => Uri.UnescapeDataString(value).Replace("''", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?:PUT|POST|MERGE|PATCH|DELETE) (?<url>\S+) HTTP/1\.1$")]
    private static partial Regex SubRequest();

    [GeneratedRegex(@"^(?<table>[^(]+)\(PartitionKey='(?<pk>(?:[^']|'')*)',RowKey='(?<rk>(?:[^']|'')*)'\)$")]
    private static partial Regex UrlKey();

    private readonly record struct EntityKey(string Table, string Partition, string Row);

    private sealed class PartitionTally
    {
        public int Transactions { get; set; }

        public HashSet<string> Rows { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One partition's writes in a round, and the fewest transactions that could have made them.</summary>
internal sealed record PartitionWrites(string Table, string Partition, int Transactions, int Entities)
{
    /// <summary>Table Storage's limit on entities per entity group transaction.</summary>
    private const int MaxEntitiesPerTransaction = 100;

    public int Least => (Entities + MaxEntitiesPerTransaction - 1) / MaxEntitiesPerTransaction;
}
