using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageAlerts.Functions.Tests.Rpc;

namespace UsageAlerts.Functions.Tests.WorkerHost;

/// <summary>
/// Plays the Functions host's servers: the gRPC <c>EventStream</c> the worker connects to (HTTP/2 without TLS, as the
/// host serves it on loopback), and an Application Insights ingestion endpoint that keeps what the worker's Azure
/// Monitor exporter posts.
/// </summary>
internal sealed class FunctionsHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<WorkerStream> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FunctionsHostServer(WebApplication app) => _app = app;

    public Uri GrpcUri { get; private set; } = null!;

    public Uri IngestionUri { get; private set; } = null!;

    /// <summary>Bodies the exporter posted to <c>/v2.1/track</c>, decompressed: one JSON telemetry item a line.</summary>
    public ConcurrentQueue<string> Telemetry { get; } = new();

    public static async Task<FunctionsHostServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = MaxMessageLength);
        builder.Services.AddSingleton<FunctionRpcService>();
        var app = builder.Build();
        var server = new FunctionsHostServer(app);
        app.Services.GetRequiredService<FunctionRpcService>().Connected = server._connected;
        app.MapGrpcService<FunctionRpcService>();
        app.MapPost("/v2.1/track", async (HttpRequest request) =>
        {
            var body = request.Headers.ContentEncoding == "gzip"
                ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress)
                : request.Body;
            using var reader = new StreamReader(body);
            var text = await reader.ReadToEndAsync();
            server.Telemetry.Enqueue(text);
            var count = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            return Results.Json(new { itemsReceived = count, itemsAccepted = count, errors = Array.Empty<object>() });
        });
        await app.StartAsync();
        var addresses = app.Urls.Select(u => new Uri(u)).ToList();
        server.GrpcUri = addresses[0];
        server.IngestionUri = addresses[1];
        return server;
    }

    public const int MaxMessageLength = 128 * 1024 * 1024;

    /// <summary>The worker's stream, once it has connected and sent StartStream.</summary>
    public Task<WorkerStream> ConnectedAsync => _connected.Task;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The service the worker calls; one stream per worker, kept open until the worker ends it.</summary>
    private sealed class FunctionRpcService : FunctionRpc.FunctionRpcBase
    {
        public TaskCompletionSource<WorkerStream> Connected { get; set; } = null!;

        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            var stream = new WorkerStream(responseStream);
            if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.StartStream is not { } start)
            {
                throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, "The first message must be StartStream."));
            }

            stream.WorkerId = start.WorkerId;
            Connected.TrySetResult(stream);
            try
            {
                await stream.ReadAsync(requestStream, context.CancellationToken);
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                // The worker went away (terminated or killed): the test sees it through WorkerProcess.
            }
        }
    }
}
