namespace UsageAlerts.Configuration.Secrets;

/// <summary>A secret the configuration names is not set. The message names the secret and where it was looked for.</summary>
public sealed class SecretNotFoundException(string name, string source)
    : Exception($"Secret '{name}' is not set in {source}.")
{
    public string SecretName { get; } = name;
}
