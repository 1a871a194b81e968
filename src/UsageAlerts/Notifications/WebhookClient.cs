using System.Net.Http.Headers;
using System.Text;

namespace UsageAlerts.Notifications;

/// <summary>What a webhook answered; status 0 means no answer (network error or timeout).</summary>
internal sealed record WebhookResponse(int Status, string Body, TimeSpan? RetryAfter);

/// <summary>
/// Posts JSON to a webhook. Redirects are not followed (the handler is configured so): a webhook that redirects is
/// misconfigured, and following it could hand the payload to another host.
/// </summary>
internal sealed class WebhookClient(HttpClient http, TimeProvider timeProvider)
{
    public async Task<WebhookResponse> PostAsync(Uri url, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, new UTF8Encoding(false), "application/json");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await http.PostAsync(url, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new WebhookResponse((int)response.StatusCode, body.Length <= 200 ? body : body[..200], OpenAi.RetryAfter.Read(response, timeProvider));
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new WebhookResponse(0, exception.GetType().Name, null);
        }
    }
}
