using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Http;
using UsageAlerts.Standalone;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Security;

/// <summary>
/// Every route the standalone host maps, taken from <see cref="RouteNames"/> and from the host's own endpoint list,
/// refuses a missing or wrong key in the header and in <c>?code=</c>; only the minimal health probe is open.
/// </summary>
public sealed class ApiKeyTests
{
    private const string ApiKey = "apikey-test-4b1d9e7c2a6f";

    // Near misses as well as plain wrong keys: a prefix, a longer key, other case, an empty value.
    private static readonly string[] WrongKeys = ["wrong-key-0123456789abcdef", ApiKey[..^1], ApiKey + "0", ApiKey.ToUpperInvariant(), ""];

    [Fact]
    public async Task Every_route_but_the_probe_refuses_a_missing_or_wrong_key_in_header_and_query()
    {
        await using var app = await StandaloneApp.BuildAsync(["--urls", "http://127.0.0.1:0", "--environment", "Development"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = Azurite.ConnectionString,
                ["Storage:TablePrefix"] = Azurite.UniquePrefix("keys"),
                ["Secrets:HttpApiKey"] = ApiKey,
                ["Secrets:OpenAiAdminKey"] = "sk-admin-keys-test-unused",
                ["OpenAI:BaseUrl"] = "http://127.0.0.1:9/v1/",
            }));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        // A route mapped outside RouteNames would escape the loop below: the host maps exactly RouteNames.All.
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("api/", StringComparison.Ordinal))
            .Select(p => p["api/".Length..]);
        Assert.Equal(RouteNames.All.Order(), mapped.Order());

        var failures = new List<string>();
        foreach (var route in RouteNames.All)
        {
            var path = "/api/" + route;
            if (RouteNames.IsAnonymous(route))
            {
                Expect(failures, path, "no key", await StatusAsync(http, path), s => s == HttpStatusCode.OK);
                continue;
            }

            Expect(failures, path, "no key", await StatusAsync(http, path), s => s == HttpStatusCode.Unauthorized);
            foreach (var wrong in WrongKeys)
            {
                Expect(failures, path, $"header '{wrong}'", await StatusAsync(http, path, header: wrong), s => s == HttpStatusCode.Unauthorized);
                Expect(failures, path, $"code '{wrong}'", await StatusAsync(http, $"{path}?code={Uri.EscapeDataString(wrong)}"), s => s == HttpStatusCode.Unauthorized);
            }

            // A right key in one place does not rescue a wrong one in the header, which is read first.
            Expect(failures, path, "wrong header, right code", await StatusAsync(http, $"{path}?code={ApiKey}", header: "wrong-key-0123456789abcdef"), s => s == HttpStatusCode.Unauthorized);
            Expect(failures, path, "right header", await StatusAsync(http, path, header: ApiKey), s => s != HttpStatusCode.Unauthorized);
            Expect(failures, path, "right code", await StatusAsync(http, $"{path}?code={ApiKey}"), s => s != HttpStatusCode.Unauthorized);
        }

        Assert.Empty(failures);
        await app.StopAsync();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, string? header = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", header);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static void Expect(List<string> failures, string path, string how, HttpStatusCode status, Func<HttpStatusCode, bool> ok)
    {
        if (!ok(status))
        {
            failures.Add($"{path} with {how}: {(int)status}");
        }
    }
}
