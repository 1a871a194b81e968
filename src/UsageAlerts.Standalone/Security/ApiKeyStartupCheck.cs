using Microsoft.Extensions.Options;
using UsageAlerts.Configuration.Secrets;

namespace UsageAlerts.Standalone.Security;

/// <summary>Fails start-up when the API key secret is missing, naming the setting, instead of answering 500 later.</summary>
internal sealed class ApiKeyStartupCheck(ISecretStore secrets, IOptions<StandaloneOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.ApiKeySecretName;
        if (await secrets.GetAsync(name, cancellationToken) is not { Length: >= 16 })
        {
            throw new InvalidOperationException(
                $"Secret '{name}' (setting Secrets:{name}) must hold the HTTP API key, at least 16 characters; scripts/run creates one in .data/http-api-key.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
