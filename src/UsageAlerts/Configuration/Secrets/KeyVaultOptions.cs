using System.ComponentModel.DataAnnotations;

namespace UsageAlerts.Configuration.Secrets;

/// <summary>Section <c>KeyVault</c>: when <see cref="Uri"/> is set, secrets come from that vault.</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    public Uri? Uri { get; set; }

    /// <summary>How long a read value is reused; a rotated secret takes effect within this time, without a restart.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}
