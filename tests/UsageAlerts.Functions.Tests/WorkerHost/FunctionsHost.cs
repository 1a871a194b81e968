using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using UsageAlerts.Functions.Tests.Rpc;

namespace UsageAlerts.Functions.Tests.WorkerHost;

/// <summary>
/// Drives the published worker through the protocol as the Functions host does: StartStream, WorkerInitRequest
/// (the worker answers with its HttpUri capability), FunctionsMetadataRequest (worker indexing), a FunctionLoadRequest
/// per function, then InvocationRequests on demand, and WorkerTerminate at the end.
/// </summary>
internal sealed class FunctionsHost : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly FunctionsHostServer _server;
    private readonly WorkerProcess _worker;
    private readonly WorkerStream _stream;

    private FunctionsHost(FunctionsHostServer server, WorkerProcess worker, WorkerStream stream)
    {
        _server = server;
        _worker = worker;
        _stream = stream;
    }

    public WorkerProcess Worker => _worker;

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own function metadata, by function name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions { get; private set; } = new Dictionary<string, RpcFunctionMetadata>();

    public IEnumerable<RpcLog> Logs => _stream.Logs;

    public IEnumerable<string> Telemetry => _server.Telemetry;

    public Uri IngestionUri => _server.IngestionUri;

    /// <summary>Starts the worker and takes it as far as loaded functions; fails with the worker's output if it exits.</summary>
    public static async Task<FunctionsHost> StartAsync(FunctionsHostServer server, IReadOnlyDictionary<string, string> appSettings)
    {
        var worker = WorkerProcess.Start(server.GrpcUri, appSettings);
        var exited = worker.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var first = await Task.WhenAny(server.ConnectedAsync, exited);
        if (first != server.ConnectedAsync)
        {
            throw new WorkerExitedException(worker.ExitCode, worker.Output);
        }

        var stream = await server.ConnectedAsync;
        if (stream.WorkerId != worker.WorkerId)
        {
            throw new InvalidOperationException($"StartStream came from worker '{stream.WorkerId}', not '{worker.WorkerId}'.");
        }

        var host = new FunctionsHost(server, worker, stream);
        await host.InitializeAsync();
        return host;
    }

    private async Task InitializeAsync()
    {
        var directory = PublishedApp.Directory;
        var init = await RequestAsync(new StreamingMessage
        {
            WorkerInitRequest = new WorkerInitRequest { HostVersion = "4.1000.0", WorkerDirectory = directory, FunctionAppDirectory = directory },
        });
        EnsureSuccess(init.WorkerInitResponse.Result, "WorkerInitRequest");
        Capabilities = init.WorkerInitResponse.Capabilities;

        var metadata = await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory } });
        EnsureSuccess(metadata.FunctionMetadataResponse.Result, "FunctionsMetadataRequest");
        Functions = metadata.FunctionMetadataResponse.FunctionMetadataResults.ToDictionary(f => f.Name, StringComparer.Ordinal);

        await Task.WhenAll(Functions.Values.Select(LoadAsync));
    }

    private async Task LoadAsync(RpcFunctionMetadata function)
    {
        // The host turns the raw bindings into the bindings map the worker builds its function definition from.
        var loaded = function.Clone();
        loaded.Directory = PublishedApp.Directory;
        foreach (var raw in function.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            loaded.Bindings[root.GetProperty("name").GetString()!] = new BindingInfo
            {
                Type = root.GetProperty("type").GetString()!,
                Direction = root.GetProperty("direction").GetString()!.ToUpperInvariant() switch
                {
                    "IN" => BindingInfo.Types.Direction.In,
                    "OUT" => BindingInfo.Types.Direction.Out,
                    _ => BindingInfo.Types.Direction.Inout,
                },
            };
        }

        var response = await RequestAsync(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = loaded } });
        EnsureSuccess(response.FunctionLoadResponse.Result, $"FunctionLoadRequest {function.Name}");
    }

    /// <summary>Fires a timer function as the host's timer does (not past due).</summary>
    public async Task<InvocationResponse> InvokeTimerAsync(string function)
    {
        var request = NewInvocation(function);
        request.InputData[0].Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" };
        var response = await RequestAsync(new StreamingMessage { InvocationRequest = request });
        return response.InvocationResponse;
    }

    /// <summary>
    /// Serves a request through an HTTP function as the host proxies it to the worker's ASP.NET Core server: the
    /// request to <c>HttpUri</c> first, carrying the invocation id, then the invocation with an empty RpcHttp.
    /// </summary>
    public async Task<(HttpResponseMessage Response, InvocationResponse Invocation)> InvokeHttpAsync(string function, string pathAndQuery, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = NewInvocation(function);
        request.InputData[0].Data = new TypedData { Http = new RpcHttp() };
        using var http = new HttpClient { BaseAddress = new Uri(Capabilities["HttpUri"]), Timeout = ReplyTimeout };
        using var message = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        message.Headers.Add("x-ms-invocation-id", request.InvocationId);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }

        var proxied = http.SendAsync(message);
        var invocation = await RequestAsync(new StreamingMessage { InvocationRequest = request });
        var response = await proxied;
        await response.Content.LoadIntoBufferAsync();
        return (response, invocation.InvocationResponse);
    }

    /// <summary>WorkerTerminate, then the worker's exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        await _stream.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
        return await _worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        _stream.Dispose();
    }

    private InvocationRequest NewInvocation(string function)
    {
        var metadata = Functions[function];
        var trigger = metadata.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement)
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        var invocationId = Guid.NewGuid().ToString();
        return new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = metadata.FunctionId,
            InputData = { new ParameterBinding { Name = trigger.GetProperty("name").GetString()! } },
            // The worker needs a trace context on every invocation; the host sends its activity's.
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
        };
    }

    private Task<StreamingMessage> RequestAsync(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        return _stream.RequestAsync(message, ReplyTimeout);
    }

    private void EnsureSuccess(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{what} failed: {result.Exception?.Message}\n{result.Exception?.StackTrace}\nworker output:\n{_worker.Output}");
        }
    }
}

internal sealed class WorkerExitedException(int exitCode, string output)
    : Exception($"The worker exited with code {exitCode} before it connected:\n{output}")
{
    public int ExitCode { get; } = exitCode;

    public string Output { get; } = output;
}
