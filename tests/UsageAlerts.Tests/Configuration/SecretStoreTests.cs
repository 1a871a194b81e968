using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Configuration.Secrets;

namespace UsageAlerts.Tests.Configuration;

public sealed class SecretStoreTests
{
    [Fact]
    public async Task Local_secrets_come_from_configuration_and_a_missing_one_is_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:OpenAiAdminKey"] = "sk-admin-local" }).Build();
        var store = new ConfigurationSecretStore(configuration);

        Assert.Equal("sk-admin-local", await store.GetRequiredAsync("OpenAiAdminKey"));
        var error = await Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetRequiredAsync("SlackWebhookUrl").AsTask());
        Assert.Contains("'SlackWebhookUrl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets:SlackWebhookUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_vault_values_are_cached_then_a_rotated_value_is_picked_up_without_a_restart()
    {
        var (store, vault, clock) = Create();
        vault.Values["TeamsWebhookUrl"] = "https://one.example/hook";

        Assert.Equal("https://one.example/hook", await store.GetRequiredAsync("TeamsWebhookUrl"));
        vault.Values["TeamsWebhookUrl"] = "https://two.example/hook";
        Assert.Equal("https://one.example/hook", await store.GetRequiredAsync("TeamsWebhookUrl"));
        Assert.Equal(1, vault.Reads);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("https://two.example/hook", await store.GetRequiredAsync("TeamsWebhookUrl"));
        Assert.Equal(2, vault.Reads);
    }

    [Fact]
    public async Task A_vault_outage_serves_the_last_good_value()
    {
        var (store, vault, clock) = Create();
        vault.Values["OpenAiAdminKey"] = "sk-admin-cached";
        await store.GetRequiredAsync("OpenAiAdminKey");

        vault.FailWith = 503;
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("sk-admin-cached", await store.GetRequiredAsync("OpenAiAdminKey"));
    }

    [Fact]
    public async Task A_secret_missing_from_the_vault_is_named_with_the_vault_not_a_value()
    {
        var (store, _, _) = Create();

        var error = await Assert.ThrowsAsync<SecretNotFoundException>(() => store.GetRequiredAsync("SlackWebhookUrl").AsTask());

        Assert.Contains("'SlackWebhookUrl'", error.Message, StringComparison.Ordinal);
        Assert.Contains("kv-test.vault.azure.net", error.Message, StringComparison.Ordinal);
    }

    private static (KeyVaultSecretStore Store, FakeVault Vault, FakeTimeProvider Clock) Create()
    {
        var vault = new FakeVault();
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var store = new KeyVaultSecretStore(vault, Options.Create(new KeyVaultOptions { RefreshInterval = TimeSpan.FromMinutes(5) }), clock, NullLogger<KeyVaultSecretStore>.Instance);
        return (store, vault, clock);
    }

    /// <summary>SecretClient's protected constructor and virtual methods exist for exactly this kind of double.</summary>
    private sealed class FakeVault : SecretClient
    {
        public Dictionary<string, string> Values { get; } = [];

        public int Reads { get; private set; }

        public int? FailWith { get; set; }

        public override Uri VaultUri => new("https://kv-test.vault.azure.net/");

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
        {
            Reads++;
            if (FailWith is { } status)
            {
                throw new RequestFailedException(status, "vault unavailable");
            }

            return Values.TryGetValue(name, out var value)
                ? Task.FromResult(Response.FromValue(new KeyVaultSecret(name, value), new EmptyResponse()))
                : throw new RequestFailedException(404, "SecretNotFound");
        }
    }

    private sealed class EmptyResponse : Response
    {
        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = "";
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
