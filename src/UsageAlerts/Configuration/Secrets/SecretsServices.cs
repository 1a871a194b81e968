using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Configuration.Secrets;

internal static class SecretsServices
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KeyVaultOptions>(configuration, KeyVaultOptions.SectionName);
        // Chosen once at start-up: a vault URI means Azure (managed identity), otherwise local configuration.
        if (configuration.GetSection(KeyVaultOptions.SectionName)["Uri"] is { Length: > 0 })
        {
            services.TryAddSingleton(sp => new SecretClient(
                sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value.Uri!,
                sp.GetRequiredService<TokenCredential>()));
            services.TryAddSingleton<ISecretStore, KeyVaultSecretStore>();
        }
        else
        {
            services.TryAddSingleton<ISecretStore>(new ConfigurationSecretStore(configuration));
        }

        return services;
    }
}
