using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Standalone.Security;

/// <summary>Section <c>Standalone</c>: settings only the standalone host has (Functions uses function keys instead).</summary>
internal sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    /// <summary>Name of the secret holding the key clients send as <c>x-functions-key</c> (or <c>?code=</c>), as with Functions.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9-]{1,127}$")]
    public string ApiKeySecretName { get; set; } = "HttpApiKey";
}
