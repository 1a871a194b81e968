using Azure.Core;
using Azure.Core.Pipeline;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Storage;

/// <summary>
/// Tells <see cref="ListingMemo"/> when this process has written to a table whose listings it remembers (rollups,
/// costs, usage), after the write's answer, so a summary never serves a listing older than a write made here. Sits in
/// the table clients' pipeline, so every writer is seen without knowing of the memo. A batch does not name its table
/// in the address, so every batch counts.
/// </summary>
internal sealed class StorageWriteWatch(ListingMemo memo, IReadOnlyList<string> watchedTables) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Observe(message.Request);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Observe(message.Request);
    }

    private void Observe(Request request)
    {
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            return;
        }

        var path = request.Uri.Path;
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last == "$batch" || watchedTables.Any(table => last.StartsWith(table, StringComparison.OrdinalIgnoreCase) && (last.Length == table.Length || last[table.Length] == '(')))
        {
            memo.Changed();
        }
    }
}
