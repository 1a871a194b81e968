namespace UsageAlerts.Configuration.Secrets;

/// <summary>Reads secrets (admin key, webhook URLs) by name; values are never logged or returned by any route.</summary>
public interface ISecretStore
{
    /// <summary>The secret's current value; throws <see cref="SecretNotFoundException"/> naming the secret when absent.</summary>
    ValueTask<string> GetRequiredAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The secret's current value, or null when it is not set.</summary>
    ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default);
}
