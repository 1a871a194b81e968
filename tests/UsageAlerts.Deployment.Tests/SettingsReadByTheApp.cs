using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Azure.Core;

namespace UsageAlerts.Deployment.Tests;

/// <summary>
/// Which of a set of settings the app really reads: the library's <c>AddUsageAlerts</c> is given a configuration
/// that records every key looked up, then every options class it registered is bound and its credential created,
/// as at start-up. Names use the app-setting spelling (<c>Section__Name</c>).
/// </summary>
internal static class SettingsReadByTheApp
{
    /// <summary>Read by the Functions host itself (its storage for timer leases), not by the app's code.</summary>
    public const string HostStoragePrefix = "AzureWebJobsStorage__";

    /// <summary>Read by the Functions app's telemetry set-up (UsageAlerts.Functions/Telemetry.cs) and by the host.</summary>
    public static readonly string[] Telemetry = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    public static IReadOnlySet<string> Of(IReadOnlyDictionary<string, string> appSettings)
    {
        var source = new RecordingSource(appSettings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)s.Value, StringComparer.OrdinalIgnoreCase));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TokenCredential>();
        var optionsTypes = services.Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0]).Distinct();
        foreach (var type in optionsTypes)
        {
            var options = typeof(IOptions<>).MakeGenericType(type);
            try
            {
                options.GetProperty("Value")!.GetValue(provider.GetRequiredService(options));
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is OptionsValidationException)
            {
                // Binding happened before validation; placeholder values need not be valid.
            }
        }

        return source.Read.Select(key => key.Replace(":", "__", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class RecordingSource(Dictionary<string, string?> values) : ConfigurationProvider, IConfigurationSource
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IConfigurationProvider Build(IConfigurationBuilder builder)
        {
            Data = values;
            return this;
        }

        public override bool TryGet(string key, out string? value)
        {
            var found = base.TryGet(key, out value);
            if (found)
            {
                Read.Add(key);
            }

            return found;
        }
    }
}
