using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration.Secrets;

namespace UsageAlerts.OpenAi;

/// <summary>
/// Typed client for the organization admin API. Usage and costs are read as a stream of buckets (each page parsed
/// from the response stream, one bucket at a time), so memory stays flat whatever the range and the organization's
/// size; retries live in the HTTP pipeline (see <see cref="OpenAiResilience"/>).
/// </summary>
public class OpenAiAdminClient
{
    private const int OpenEndedPageGuard = 100_000;


    private readonly HttpClient _http;
    private readonly ISecretStore _secrets;
    private readonly OpenAiOptions _options;
    private readonly TimeProvider _timeProvider;

    public OpenAiAdminClient(HttpClient http, ISecretStore secrets, IOptions<OpenAiOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _secrets = secrets;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    /// <summary>For test doubles.</summary>
    protected OpenAiAdminClient()
    {
        _http = null!;
        _secrets = null!;
        _options = new OpenAiOptions();
        _timeProvider = TimeProvider.System;
    }

    public virtual async IAsyncEnumerable<Bucket<UsageResult>> GetUsageBucketsAsync(UsageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? query.Width.MaxUsagePageLimit();
        var parameters = new QueryBuilder()
            .Add("start_time", query.StartTime)
            .AddOptional("end_time", query.EndTime)
            .Add("bucket_width", query.Width.ToApiValue())
            .Add("limit", limit)
            .AddEach("group_by", query.GroupBy)
            .AddEach("project_ids", query.ProjectIds)
            .AddEach("user_ids", query.UserIds)
            .AddEach("api_key_ids", query.ApiKeyIds)
            .AddEach("models", query.Models);
        if (query.Batch is { } batch)
        {
            parameters.Add("batch", batch ? "true" : "false");
        }

        var endpoint = $"organization/usage/{query.Kind.Name}";
        var maxPages = ExpectedPages(query.StartTime, query.EndTime, query.Width.Duration(), limit);
        await foreach (var bucket in GetBucketsAsync(endpoint, parameters, maxPages, OpenAiPageParser.ParseUsageResult, cancellationToken))
        {
            yield return bucket;
        }
    }

    public virtual async IAsyncEnumerable<Bucket<CostResult>> GetCostBucketsAsync(CostsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = query.Limit ?? CostsQuery.MaxLimit;
        var parameters = new QueryBuilder()
            .Add("start_time", query.StartTime)
            .AddOptional("end_time", query.EndTime)
            .Add("bucket_width", "1d")
            .Add("limit", limit)
            .AddEach("group_by", query.GroupBy)
            .AddEach("project_ids", query.ProjectIds)
            .AddEach("api_key_ids", query.ApiKeyIds);
        var maxPages = ExpectedPages(query.StartTime, query.EndTime, TimeSpan.FromDays(1), limit);
        await foreach (var bucket in GetBucketsAsync("organization/costs", parameters, maxPages, OpenAiPageParser.ParseCostResult, cancellationToken))
        {
            yield return bucket;
        }
    }

    public virtual IAsyncEnumerable<Project> GetProjectsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync(
            "organization/projects",
            new QueryBuilder().Add("limit", 100).Add("include_archived", "true"),
            OpenAiPageParser.ParseProject,
            cancellationToken);

    public virtual IAsyncEnumerable<ProjectRateLimit> GetRateLimitsAsync(string projectId, CancellationToken cancellationToken = default) =>
        GetListAsync(
            $"organization/projects/{Uri.EscapeDataString(projectId)}/rate_limits",
            new QueryBuilder().Add("limit", 100),
            OpenAiPageParser.ParseRateLimit,
            cancellationToken);

    /// <summary>The organization's monthly hard spend limit; 404 (none set) and 403 (no permission) arrive as <see cref="OpenAiApiException"/>.</summary>
    public virtual Task<SpendLimit> GetOrganizationSpendLimitAsync(CancellationToken cancellationToken = default) =>
        GetSpendLimitAsync("organization/spend_limit", cancellationToken);

    public virtual Task<SpendLimit> GetProjectSpendLimitAsync(string projectId, CancellationToken cancellationToken = default) =>
        GetSpendLimitAsync(ProjectPath(projectId, "spend_limit"), cancellationToken);

    public virtual IAsyncEnumerable<SpendAlert> GetOrganizationSpendAlertsAsync(CancellationToken cancellationToken = default) =>
        GetListAsync("organization/spend_alerts", new QueryBuilder().Add("limit", 100), SpendControlParser.ParseAlert, cancellationToken);

    public virtual IAsyncEnumerable<SpendAlert> GetProjectSpendAlertsAsync(string projectId, CancellationToken cancellationToken = default) =>
        GetListAsync(ProjectPath(projectId, "spend_alerts"), new QueryBuilder().Add("limit", 100), SpendControlParser.ParseAlert, cancellationToken);

    /// <summary>
    /// Creates or replaces the organization's hard limit (whole cents, at least $0.01). OpenAI's POST replaces the
    /// whole object, so a retry after a lost answer sets the same limit again. 403 means the key lacks write access.
    /// </summary>
    public virtual Task<SpendLimit> SetOrganizationSpendLimitAsync(decimal thresholdUsd, CancellationToken cancellationToken = default) =>
        SetSpendLimitAsync("organization/spend_limit", thresholdUsd, cancellationToken);

    public virtual Task<SpendLimit> SetProjectSpendLimitAsync(string projectId, decimal thresholdUsd, CancellationToken cancellationToken = default) =>
        SetSpendLimitAsync(ProjectPath(projectId, "spend_limit"), thresholdUsd, cancellationToken);

    private static string ProjectPath(string projectId, string leaf) => $"organization/projects/{Uri.EscapeDataString(projectId)}/{leaf}";

    private async Task<SpendLimit> GetSpendLimitAsync(string endpoint, CancellationToken cancellationToken)
    {
        using var document = await SendJsonAsync(HttpMethod.Get, endpoint, endpoint, null, cancellationToken);
        return SpendControlParser.ParseLimit(document.RootElement, endpoint);
    }

    private async Task<SpendLimit> SetSpendLimitAsync(string endpoint, decimal thresholdUsd, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["threshold_amount"] = SpendControlParser.ToCents(thresholdUsd, nameof(thresholdUsd)),
            ["currency"] = SpendControlParser.Currency,
            ["interval"] = SpendControlParser.Interval,
        });
        using var document = await SendJsonAsync(HttpMethod.Post, endpoint, endpoint, body, cancellationToken);
        return SpendControlParser.ParseLimit(document.RootElement, endpoint);
    }

    /// <summary>
    /// Every bucket of every page, in order. A bucket is yielded once it is whole and valid (and of this
    /// organization); a page that breaks further on fails the read after the buckets before the break.
    /// </summary>
    private async IAsyncEnumerable<Bucket<T>> GetBucketsAsync<T>(
        string endpoint,
        QueryBuilder parameters,
        int maxPages,
        Func<JsonElement, string, T?> parseResult,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var guard = new PageGuard(endpoint, maxPages);
        string? cursor = null;
        var pageNumber = 0;
        do
        {
            pageNumber++;
            var url = cursor is null ? parameters.Build(endpoint) : parameters.Build(endpoint, ("page", cursor));
            using var response = await SendAsync(HttpMethod.Get, endpoint, url, null, cancellationToken);
            await using var body = await ReadBodyAsync(response, endpoint, cancellationToken);
            var page = new BucketPageReader<T>(body, endpoint, result => parseResult(result, endpoint));
            await foreach (var bucket in page.ReadAsync(cancellationToken))
            {
                RequireOrganization(endpoint, bucket.OrganizationIds);
                yield return bucket with { Page = pageNumber };
            }

            cursor = guard.Next(page.HasMore, page.NextPage, page.Buckets);
        }
        while (cursor is not null);
    }

    private async IAsyncEnumerable<T> GetListAsync<T>(
        string endpoint,
        QueryBuilder parameters,
        Func<JsonElement, string, T> parse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var guard = new PageGuard(endpoint, _options.MaxListPages);
        string? after = null;
        do
        {
            var url = after is null ? parameters.Build(endpoint) : parameters.Build(endpoint, ("after", after));
            using var document = await GetJsonAsync(endpoint, url, cancellationToken);
            var (items, hasMore, lastId) = OpenAiPageParser.ParseList(document.RootElement, endpoint);
            var parsed = items.Select(item => parse(item, endpoint)).ToList();
            after = guard.Next(hasMore, lastId, parsed.Count);
            foreach (var item in parsed)
            {
                yield return item;
            }
        }
        while (after is not null);
    }

    private Task<JsonDocument> GetJsonAsync(string endpoint, string url, CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Get, endpoint, url, null, cancellationToken);

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string endpoint, string url, string? jsonBody, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, endpoint, url, jsonBody, cancellationToken);
        await using var body = await ReadBodyAsync(response, endpoint, cancellationToken);
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Protocol, endpoint, $"malformed response: invalid JSON ({exception.Message})", (int)response.StatusCode, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Transient, endpoint, "the response body was cut off", (int)response.StatusCode, exception);
        }
    }

    private static async Task<Stream> ReadBodyAsync(HttpResponseMessage response, string endpoint, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Transient, endpoint, "the response body was cut off", (int)response.StatusCode, exception);
        }
    }

    /// <summary>Sends the request; a successful response is returned unread (headers only), anything else thrown.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string endpoint, string url, string? jsonBody, CancellationToken cancellationToken)
    {
        string key;
        try
        {
            key = await _secrets.GetRequiredAsync(_options.AdminKeySecretName, cancellationToken);
        }
        catch (SecretNotFoundException exception)
        {
            throw new OpenAiApiException(OpenAiErrorKind.Authentication, endpoint, exception.Message, null, exception);
        }

        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OpenAiApiException(OpenAiErrorKind.Transient, endpoint, $"no answer: {exception.GetType().Name}", null, exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OpenAiErrorClassifier.ToExceptionAsync(response, endpoint, cancellationToken);
        }
    }

    /// <summary>
    /// A key of one organization must never feed another's figures: with <see cref="OpenAiOptions.OrganizationId"/>
    /// set, a page whose results name another organization is refused before anything of it is stored.
    /// </summary>
    private void RequireOrganization(string endpoint, IReadOnlySet<string> seen)
    {
        if (_options.OrganizationId is { Length: > 0 } expected && seen.FirstOrDefault(id => !string.Equals(id, expected, StringComparison.Ordinal)) is { } other)
        {
            throw new OpenAiApiException(
                OpenAiErrorKind.WrongOrganization,
                endpoint,
                $"the admin key belongs to another organization: results carry organization_id {other}, OpenAI:OrganizationId is {expected}");
        }
    }

    /// <summary>
    /// The pages a well-behaved API needs for the range, plus slack; more means something loops. An open-ended read
    /// (no <c>end_time</c>, so OpenAI's own "now" ends it) is bounded by this host's clock plus a day of skew.
    /// </summary>
    private int ExpectedPages(DateTimeOffset start, DateTimeOffset? end, TimeSpan width, int limit)
    {
        var until = end ?? _timeProvider.GetUtcNow().AddDays(1);
        var buckets = Math.Max(0, (long)Math.Ceiling((until - start) / width)) + 1;
        return (int)Math.Min(OpenEndedPageGuard, ((buckets + limit - 1) / limit) + 2);
    }
}
