using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Http;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Security;

/// <summary>
/// Hostile query strings on every route that reads parameters: far longer than any host would pass, thousands of
/// repeats, impossible dates and numbers, undecodable bytes. Each gets a short 400 problem document naming the
/// parameter before a single storage request is made (counted at the table client's pipeline), so the work is
/// bounded by the parser, not by the data. Routes are called in-process to get past Kestrel's own URL limit.
/// </summary>
public sealed class QueryLimitTests : IAsyncLifetime
{
    private static readonly string Huge = new('x', 100_000);

    private readonly CountingPolicy _storageRequests = new();
    private ServiceProvider _services = null!;

    /// <summary>Route, query (<c>{huge}</c>: 100,000 characters; <c>{300}</c>: just over the limit), repeats, parameter named.</summary>
    public static TheoryData<string, string, int, string> Hostile => new()
    {
        { RouteNames.Summary, "from={huge}", 1, "from" },
        { RouteNames.Summary, "groupBy={huge}", 1, "groupBy" },
        { RouteNames.Summary, "groupBy=day", 5_000, "groupBy" },
        { RouteNames.Summary, "project=p", 5_000, "project" },
        { RouteNames.Summary, "from=2026-11-01", 5_000, "from" },
        { RouteNames.Summary, "from=2026-02-30", 1, "from" },
        { RouteNames.Summary, "to=99999-01-01", 1, "to" },
        { RouteNames.Summary, "from=%FF%FE%FD", 1, "from" },
        { RouteNames.Summary, "groupBy=%ZZ%C0%AF", 1, "groupBy" },
        { RouteNames.Summary, "groupBy=planet", 1, "groupBy" },
        { RouteNames.Summary, "format=%00", 1, "format" },
        { RouteNames.Summary, "model={300}", 1, "model" },
        { RouteNames.Dashboard, "stack={huge}", 1, "stack" },
        { RouteNames.Dashboard, "stack=nope", 1, "stack" },
        { RouteNames.Dashboard, "from=2026-13-01", 1, "from" },
        { RouteNames.Dashboard, "to=%E2%28%A1", 1, "to" },
        { RouteNames.Dashboard, "line_item=a", 3_000, "line_item" },
        { RouteNames.RateLimits, "minutes=99999999999999999999999999", 1, "minutes" },
        { RouteNames.RateLimits, "minutes=-5", 1, "minutes" },
        { RouteNames.RateLimits, "minutes=1e3", 1, "minutes" },
        { RouteNames.RateLimits, "minutes=%EF%BC%91", 1, "minutes" },
        { RouteNames.RateLimits, "minutes={huge}", 1, "minutes" },
        { RouteNames.RateLimits, "minutes=5", 3_000, "minutes" },
        { RouteNames.RateLimits, "model=m", 3_000, "model" },
        { RouteNames.Alerts, "days=99999999999999999999", 1, "days" },
        { RouteNames.Alerts, "days=0", 1, "days" },
        { RouteNames.Alerts, "days=%FF", 1, "days" },
        { RouteNames.Alerts, "days={huge}", 1, "days" },
        { RouteNames.Alerts, "days=7", 5_000, "days" },
    };

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = Azurite.UniquePrefix("limits"),
            ["Secrets:OpenAiAdminKey"] = "sk-admin-limits-test-unused",
        }).Build();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(_storageRequests, HttpPipelinePosition.PerCall);
        _services = new ServiceCollection().AddLogging().AddSingleton(tableOptions).AddUsageAlerts(configuration).BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_parameters_get_a_short_problem_naming_them_before_any_storage_request(string route, string query, int repeats, string parameter)
    {
        var pair = query.Replace("{huge}", Huge, StringComparison.Ordinal).Replace("{300}", new string('m', 300), StringComparison.Ordinal);
        var reply = await HandleAsync(route, Repeat(pair, repeats));

        Assert.Equal(400, reply.StatusCode);
        Assert.StartsWith("application/problem+json", reply.ContentType, StringComparison.Ordinal);
        Assert.Equal(parameter, JsonDocument.Parse(reply.Body).RootElement.GetProperty("parameter").GetString());
        Assert.True(reply.Body.Length < 1_000, reply.Body);
        Assert.Equal(0, _storageRequests.Count);
    }

    [Fact]
    public async Task The_counter_sees_the_storage_requests_of_a_good_query() =>
        Assert.True((await HandleAsync(RouteNames.Summary, "groupBy=project")).StatusCode == 200 && _storageRequests.Count > 0);

    /// <summary>The budgets route takes no parameters; like every route it ignores ones it does not know.</summary>
    [Fact]
    public async Task Budgets_ignores_parameters_whatever_they_hold()
    {
        var reply = await HandleAsync(RouteNames.Budgets, $"days=%FF&{Repeat("x=1", 5_000)}&from={Huge}");

        Assert.Equal(200, reply.StatusCode);
        Assert.DoesNotContain("xxxxxxxxxx", reply.Body, StringComparison.Ordinal);
    }

    private async Task<HttpReply> HandleAsync(string route, string query)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.QueryString = new QueryString("?" + query);
        return await _services.GetRequiredService<HttpRoutes>().HandleAsync(route, context.Request);
    }

    private static string Repeat(string pair, int times) => string.Join('&', Enumerable.Repeat(pair, times));

    /// <summary>Counts every request the table clients send, retries included.</summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
