using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace UsageAlerts.Configuration;

/// <summary>
/// The one <see cref="TokenCredential"/> the app uses for Table Storage, Key Vault and telemetry. In Azure the
/// infrastructure sets <c>AZURE_CLIENT_ID</c> to the app's user-assigned identity, so exactly that managed identity
/// is asked, with no probing of other credential sources; only without it (a developer's machine) does
/// <see cref="DefaultAzureCredential"/> look for an Azure CLI or IDE sign-in.
/// </summary>
public static class AzureCredential
{
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    public static TokenCredential Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ClientIdSetting] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
