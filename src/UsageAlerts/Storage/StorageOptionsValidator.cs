using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Storage;

internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (hasConnectionString == (options.TableServiceUri is not null))
        {
            failures.Add("Set exactly one of Storage:ConnectionString (local) or Storage:TableServiceUri (managed identity).");
        }

        if (options.TableServiceUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Storage:TableServiceUri must be an absolute https URI, got '{uri}'.");
        }

        // Longest table name is the prefix plus "Costrollups" (11); Azure allows 63.
        if (!TablePrefixPattern().IsMatch(options.TablePrefix))
        {
            failures.Add($"Storage:TablePrefix must be 1-40 letters or digits starting with a letter, got '{options.TablePrefix}'.");
        }

        if (options.PackCacheRecords is < 0 or > StorageOptions.MaxPackCacheRecords)
        {
            failures.Add(FormattableString.Invariant($"Storage:PackCacheRecords must be from 0 (no cache) to {StorageOptions.MaxPackCacheRecords}, got {options.PackCacheRecords}."));
        }

        if (options.PackRevalidateSeconds is < 0 or > StorageOptions.MaxPackRevalidateSeconds)
        {
            failures.Add(FormattableString.Invariant($"Storage:PackRevalidateSeconds must be from 0 (check every request) to {StorageOptions.MaxPackRevalidateSeconds}, got {options.PackRevalidateSeconds}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex TablePrefixPattern();
}
