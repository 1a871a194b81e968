using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Configuration.Secrets;

/// <summary>
/// Secrets from Key Vault through the app's managed identity, cached for <see cref="KeyVaultOptions.RefreshInterval"/>.
/// When a refresh fails the last good value is served, so a vault hiccup does not blind monitoring.
/// </summary>
internal sealed partial class KeyVaultSecretStore(
    SecretClient client,
    IOptions<KeyVaultOptions> options,
    TimeProvider timeProvider,
    ILogger<KeyVaultSecretStore> logger) : ISecretStore
{
    private readonly ConcurrentDictionary<string, CachedSecret> _cache = new(StringComparer.Ordinal);

    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(name, out var cached) && now - cached.FetchedAt < options.Value.RefreshInterval)
        {
            return cached.Value;
        }

        try
        {
            var response = await client.GetSecretAsync(name, null, cancellationToken);
            var value = string.IsNullOrWhiteSpace(response.Value.Value) ? null : response.Value.Value;
            _cache[name] = new CachedSecret(value, now);
            return value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            _cache[name] = new CachedSecret(null, now);
            return null;
        }
        catch (RequestFailedException exception) when (cached is not null)
        {
            LogRefreshFailed(name, exception.Status);
            return cached.Value;
        }
    }

    public async ValueTask<string> GetRequiredAsync(string name, CancellationToken cancellationToken = default) =>
        await GetAsync(name, cancellationToken) ?? throw new SecretNotFoundException(name, $"Key Vault {client.VaultUri.Host}");

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Refreshing secret {SecretName} from Key Vault failed with HTTP {Status}; serving the cached value")]
    private partial void LogRefreshFailed(string secretName, int status);

    private sealed record CachedSecret(string? Value, DateTimeOffset FetchedAt);
}
