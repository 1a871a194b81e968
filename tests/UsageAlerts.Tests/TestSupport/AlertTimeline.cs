using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Http;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Tests.TestSupport;

/// <summary>
/// An alert timeline on a fake clock: the library as the hosts wire it over Azurite, the real engine, deliverer and
/// jobs, data polled in through the real ingestion from feeds the test sets (costs per day and project, one-minute
/// and daily completions usage), and the webhooks answered by a <see cref="WebhookStub"/>. A restart is a new
/// process (new services) over the same tables, optionally with edited rules.
/// </summary>
internal sealed class AlertTimeline : IAsyncDisposable
{
    public const string Receivers = """
        "receivers": [
          { "name": "finance-teams", "type": "teams", "secret": "TeamsWebhookUrl" },
          { "name": "platform-slack", "type": "slack", "secret": "SlackWebhookUrl" }
        ]
        """;

    private readonly string _rulesPath = Path.Combine(Path.GetTempPath(), $"timeline-rules-{Guid.NewGuid():N}.json");
    private readonly Dictionary<string, string?> _settings;
    private readonly Dictionary<(DateTimeOffset Day, string Project), decimal> _costs = [];
    private readonly Dictionary<(DateTimeOffset Bucket, string Project, string Model), (long Requests, long Tokens)> _minutes = [];

    private AlertTimeline(DateTimeOffset start, string rules, Dictionary<string, string?> settings)
    {
        Clock = new FakeTimeProvider(start);
        File.WriteAllText(_rulesPath, rules);
        _settings = settings;
        Services = Build();
    }

    public FakeTimeProvider Clock { get; }

    public WebhookStub Webhooks { get; } = new();

    public StorageFaults Faults { get; } = new();

    public ServiceProvider Services { get; private set; }

    public string TablePrefix => (string)_settings["Storage:TablePrefix"]!;

    /// <param name="rules">The rules file body without its receivers (added here), e.g. <c>"budgets": [ … ]</c>.</param>
    public static AlertTimeline Start(string name, DateTimeOffset start, string rules, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniquePrefix(name),
            ["Rules:Path"] = null,
            ["Notifications:MinInterval"] = "00:00:00",
            ["Secrets:TeamsWebhookUrl"] = WebhookStub.TeamsUrl,
            ["Secrets:SlackWebhookUrl"] = WebhookStub.SlackUrl,
            ["Ingestion:RunBudget"] = "01:00:00",
            // Learned rates only, whatever the example prices file beside the tests holds.
            ["Pricing:PricesPath"] = "",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new AlertTimeline(start, Document(rules), all);
    }

    public static string Document(string rules) => "{" + Receivers + "," + rules + "}";

    /// <summary>A new process over the same tables, with the rules file replaced when given.</summary>
    public async Task RestartAsync(string? rules = null)
    {
        if (rules is not null)
        {
            await File.WriteAllTextAsync(_rulesPath, Document(rules));
        }

        await Services.DisposeAsync();
        Services = Build();
    }

    public void At(DateTimeOffset time) => Clock.AdjustTime(time);

    /// <summary>What OpenAI reports for a day and project from now on (0 removes it, as a revision to nothing would).</summary>
    public void Cost(DateTimeOffset day, string project, decimal amountUsd) => _costs[(day, project)] = amountUsd;

    public void Minute(DateTimeOffset minute, string project, string model, long requests, long tokens) => _minutes[(minute, project, model)] = (requests, tokens);

    public async Task RateLimitAsync(string project, string model, long requestsPerMinute, long tokensPerMinute)
    {
        var table = await Services.GetRequiredService<TableStore>().GetAsync(TableName.Catalog);
        await table.UpsertEntityAsync(new TableEntity(CatalogRows.RateLimitPartition(project), CatalogRows.RateLimitRow(model))
        {
            [CatalogRows.ProjectId] = project,
            [CatalogRows.Model] = model,
            [CatalogRows.MaxRequestsPerMinute] = requestsPerMinute,
            [CatalogRows.MaxTokensPerMinute] = tokensPerMinute,
        });
    }

    /// <summary>Polls the costs stream through the real poller and ingestor, from the costs set so far.</summary>
    public Task PollCostsAsync()
    {
        var catalog = Services.GetRequiredService<StreamCatalog>();
        return Services.GetRequiredService<StreamPoller>().PollAsync([catalog.Costs], new CostFeed(_costs, Clock), default);
    }

    /// <summary>Polls every polled one-minute stream; completions gets the minutes set so far, others nothing.</summary>
    public Task PollMinutesAsync()
    {
        var catalog = Services.GetRequiredService<StreamCatalog>();
        return Services.GetRequiredService<StreamPoller>().PollAsync(catalog.RecentUsage, new MinuteFeed(_minutes, Clock), default);
    }

    public Task<bool> RunAsync(string job) => Services.GetRequiredService<ScheduledJobs>().RunAsync(job);

    /// <summary>Evaluates (which delivers what it enqueued, as the Evaluate job does).</summary>
    public Task<bool> EvaluateAsync() => RunAsync(JobNames.Evaluate);

    /// <summary>A route's JSON answer, as <c>GET /api/{route}</c> gives it.</summary>
    public async Task<JsonElement> RouteAsync(string route)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        var reply = await Services.GetRequiredService<HttpRoutes>().HandleAsync(route, context.Request);
        Assert.Equal(200, reply.StatusCode);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    public async Task<List<TableEntity>> RowsAsync(TableName table)
    {
        var client = await Services.GetRequiredService<TableStore>().GetAsync(table);
        var rows = new List<TableEntity>();
        await foreach (var row in client.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        File.Delete(_rulesPath);
    }

    private ServiceProvider Build()
    {
        _settings["Rules:Path"] = _rulesPath;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(Faults, HttpPipelinePosition.PerCall);
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock).AddSingleton(tableOptions);
        services.AddUsageAlerts(configuration);
        services.AddHttpClient<WebhookClient>().ConfigurePrimaryHttpMessageHandler(() => Webhooks);
        return services.BuildServiceProvider();
    }

    /// <summary>Every day of the window, with each project's amount as one line item.</summary>
    private sealed class CostFeed(Dictionary<(DateTimeOffset Day, string Project), decimal> costs, TimeProvider clock) : IBucketSource
    {
        public async IAsyncEnumerable<StoredBucket> ReadAsync(StreamDefinition stream, DateTimeOffset start, SourceReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            var end = clock.GetUtcNow();
            for (var day = start; day < end; day = day.AddDays(1))
            {
                var partition = CostRows.Partition(stream.KeyPrefix, day);
                var rows = costs.Where(c => c.Key.Day == day && c.Value != 0).Select(c => new TableEntity(partition, CostRows.Row(c.Key.Project, "gpt-4o, input", null))
                {
                    [CostRows.BucketStart] = day,
                    [CostRows.BucketEnd] = day.AddDays(1),
                    [CostRows.ProjectId] = c.Key.Project,
                    [CostRows.LineItem] = "gpt-4o, input",
                    [CostRows.Currency] = "usd",
                    [CostRows.AmountUsd] = CostRows.FormatAmount(c.Value),
                }).ToList();
                yield return new StoredBucket(day, day.AddDays(1), partition, "", rows);
            }
        }
    }

    private sealed class MinuteFeed(Dictionary<(DateTimeOffset Bucket, string Project, string Model), (long Requests, long Tokens)> minutes, TimeProvider clock) : IBucketSource
    {
        public async IAsyncEnumerable<StoredBucket> ReadAsync(StreamDefinition stream, DateTimeOffset start, SourceReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            var end = clock.GetUtcNow();
            for (var minute = start; minute < end; minute = minute.AddMinutes(1))
            {
                var results = stream.Kind == UsageKind.Completions
                    ? minutes.Where(m => m.Key.Bucket == minute).Select(m => new UsageResult(stream.Kind.Name, new UsageDimensions(m.Key.Project, m.Key.Model),
                        new Dictionary<string, long> { ["num_model_requests"] = m.Value.Requests, ["input_tokens"] = m.Value.Tokens, ["output_tokens"] = 0 })).ToList()
                    : [];
                yield return UsageBucketSource.ToStored(stream, new Bucket<UsageResult>(minute, minute.AddMinutes(1), results));
            }
        }
    }
}
