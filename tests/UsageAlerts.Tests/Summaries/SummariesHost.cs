using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Http;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.Summaries;

/// <summary>
/// The library's routes on Kestrel at 127.0.0.1, mapped as the standalone host maps them (minus its API key filter),
/// over Azurite tables with their own prefix and a fake clock: real HTTP against real storage.
/// </summary>
internal sealed class SummariesHost : IAsyncDisposable
{
    public const string AdminKey = "sk-admin-summaries-test";

    private readonly WebApplication _app;

    private SummariesHost(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public TableStore Tables => _app.Services.GetRequiredService<TableStore>();

    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("USAGEALERTS_TEST_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "USAGEALERTS_TEST_STORAGE is not set: run scripts/test (it starts Azurite and sets it), or start Azurite and export its connection string.");

    public static async Task<SummariesHost> StartAsync(string tablePrefix, FakeTimeProvider clock, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = StorageConnectionString,
            ["Storage:TablePrefix"] = tablePrefix,
            ["Secrets:OpenAiAdminKey"] = AdminKey,
            ["OpenAI:OrganizationName"] = "Test org <&>",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddUsageAlerts(builder.Configuration);
        var app = builder.Build();
        foreach (var route in RouteNames.All)
        {
            app.MapGet("/api/" + route, (HttpContext context, HttpRoutes routes) => routes.HandleAsync(route, context.Request, context.RequestAborted));
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SummariesHost(app, new Uri(address));
    }

    public async Task WriteAsync(TableName table, IEnumerable<TableEntity> rows)
    {
        var client = await Tables.GetAsync(table);
        await TableBatchWriter.SubmitAsync(client, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), CancellationToken.None);
    }

    /// <summary>Writes as another instance would: through a client of its own, unseen by this host's pipeline.</summary>
    public async Task WriteFromElsewhereAsync(TableName table, IEnumerable<TableEntity> rows)
    {
        var client = new TableClient(StorageConnectionString, Tables.FullName(table));
        await TableBatchWriter.SubmitAsync(client, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A table prefix no other test class uses (letters and digits, as Storage:TablePrefix requires).</summary>
    public static string UniquePrefix(string name) => name + Guid.NewGuid().ToString("N")[..8];
}
