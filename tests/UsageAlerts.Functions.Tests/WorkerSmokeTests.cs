using UsageAlerts.Functions.Tests.WorkerHost;

namespace UsageAlerts.Functions.Tests;

public sealed class WorkerSmokeTests
{
    [Fact]
    public async Task Worker_starts_lists_and_loads()
    {
        await using var server = await FunctionsHostServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Environment.GetEnvironmentVariable("USAGEALERTS_TEST_STORAGE")!,
            ["Secrets__OpenAiAdminKey"] = "sk-admin-test",
            ["Rules__Path"] = "rules.json",
        };
        await using var host = await FunctionsHost.StartAsync(server, settings);
        Assert.Equal(15, host.Functions.Count);
        var (response, invocation) = await host.InvokeHttpAsync("HealthProbe", "api/health/live");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await host.TerminateAsync());
    }
}
