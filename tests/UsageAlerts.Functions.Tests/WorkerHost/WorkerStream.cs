using System.Collections.Concurrent;
using Grpc.Core;
using UsageAlerts.Functions.Tests.Rpc;

namespace UsageAlerts.Functions.Tests.WorkerHost;

/// <summary>
/// One worker's side of the EventStream. Writes are serialised (a gRPC stream takes one write at a time); replies
/// come in any order and are matched to their request by id: function id for loads, invocation id for invocations,
/// request id for the rest. RpcLog messages are kept.
/// </summary>
internal sealed class WorkerStream(IServerStreamWriter<StreamingMessage> writer) : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);

    public string WorkerId { get; set; } = "";

    public ConcurrentQueue<RpcLog> Logs { get; } = new();

    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, TimeSpan timeout)
    {
        var key = ReplyKey(message);
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, reply))
        {
            throw new InvalidOperationException($"A request with id {key} is already waiting.");
        }

        await SendAsync(message);
        try
        {
            return await reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No reply to {message.ContentCase} {key} within {timeout}.");
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message)
    {
        await _writeLock.WaitAsync();
        try
        {
            await writer.WriteAsync(message);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task ReadAsync(IAsyncStreamReader<StreamingMessage> reader, CancellationToken cancellationToken)
    {
        while (await reader.MoveNext(cancellationToken))
        {
            var message = reader.Current;
            if (message.RpcLog is { } log)
            {
                Logs.Enqueue(log);
            }
            else if (_pending.TryGetValue(ReplyKey(message), out var waiting))
            {
                waiting.TrySetResult(message);
            }
        }
    }

    private static string ReplyKey(StreamingMessage message) => message.ContentCase switch
    {
        StreamingMessage.ContentOneofCase.FunctionLoadRequest => "load:" + message.FunctionLoadRequest.FunctionId,
        StreamingMessage.ContentOneofCase.FunctionLoadResponse => "load:" + message.FunctionLoadResponse.FunctionId,
        StreamingMessage.ContentOneofCase.InvocationRequest => "invoke:" + message.InvocationRequest.InvocationId,
        StreamingMessage.ContentOneofCase.InvocationResponse => "invoke:" + message.InvocationResponse.InvocationId,
        _ => "request:" + message.RequestId,
    };

    public void Dispose() => _writeLock.Dispose();
}
