using System.Net.Sockets;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// Azurite's table service on a fixed port with its data on disk, so it can be stopped and started again under
/// the host's feet and keep what was written (scripts/lib/azurite.sh installs it; the soak owns its lifetime).
/// </summary>
internal sealed class AzuriteServer(string bin, string dataDirectory, int port, string logPath)
{
    // Azurite's well-known development account key, the same as scripts/lib/azurite.sh uses; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process = new("azurite", bin,
        ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent", "--location", dataDirectory],
        logPath);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public bool Running => _process.Running;

    public async Task StartAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        _process.Start();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"Azurite did not start on port {port}; see {logPath}");
    }

    /// <summary>A clean stop (SIGTERM), so Azurite saves its database as a real service keeps acknowledged writes.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));
}
