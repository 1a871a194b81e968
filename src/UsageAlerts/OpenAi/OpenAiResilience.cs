using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace UsageAlerts.OpenAi;

/// <summary>
/// The admin API's retry pipeline: 408/409/5xx/network and retryable 429s are retried with capped exponential
/// backoff and jitter, honouring Retry-After up to <see cref="OpenAiOptions.MaxRetryAfter"/>; 401/403 and
/// <c>insufficient_quota</c> are not. All waits go through the injected <see cref="TimeProvider"/>.
/// </summary>
internal static class OpenAiResilience
{
    public const string PipelineName = "openai-admin";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<OpenAiOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        builder.TimeProvider = timeProvider;
        builder.AddTimeout(options.CallBudget);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldRetryAfterHeader = false,
                ShouldHandle = static args => args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => ValueTask.FromResult(true),
                    { Result: { } response } => OpenAiErrorClassifier.IsTransientAsync(response),
                    _ => ValueTask.FromResult(false),
                },
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response && RetryAfter.Read(response, timeProvider) is { } wait
                        ? (TimeSpan?)(wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait)
                        : null),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }
}
