using Microsoft.Extensions.Configuration;

namespace UsageAlerts.Configuration.Secrets;

/// <summary>
/// Local secrets from configuration under <c>Secrets:&lt;name&gt;</c> (environment variable <c>Secrets__&lt;name&gt;</c>,
/// user secrets, or appsettings). Read on every call so a changed value applies without a restart.
/// </summary>
internal sealed class ConfigurationSecretStore(IConfiguration configuration) : ISecretStore
{
    public const string SectionName = "Secrets";

    public ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var value = configuration[$"{SectionName}:{name}"];
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(value) ? null : value);
    }

    public async ValueTask<string> GetRequiredAsync(string name, CancellationToken cancellationToken = default) =>
        await GetAsync(name, cancellationToken) ?? throw new SecretNotFoundException(name, $"configuration ({SectionName}:{name})");
}
