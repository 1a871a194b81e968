using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace UsageAlerts.Functions.Tests.WorkerHost;

/// <summary>
/// The published worker started as the Functions host starts it: <c>dotnet UsageAlerts.Functions.dll</c> in the app
/// folder, with the host's command-line switches (worker 2.x reads the <c>--functions-*</c> ones; the older ones come
/// along as the host sends them), the host's environment variables, and the app settings as environment variables.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process, string workerId)
    {
        _process = process;
        WorkerId = workerId;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string WorkerId { get; }

    /// <summary>Everything the worker wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(Uri grpcUri, IReadOnlyDictionary<string, string> appSettings)
    {
        var appDirectory = PublishedApp.Directory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        var maxMessage = FunctionsHostServer.MaxMessageLength.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            PublishedApp.Assembly,
            "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(CultureInfo.InvariantCulture),
            "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", maxMessage,
            "--functions-uri", grpcUri.ToString(), "--functions-worker-id", workerId,
            "--functions-request-id", requestId, "--functions-grpc-max-message-length", maxMessage,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The machine's own settings must not leak in (an APPLICATIONINSIGHTS_CONNECTION_STRING, an Azure login).
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal) || k.StartsWith("AZURE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = appDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in appSettings)
        {
            start.Environment[name] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet."), workerId);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
