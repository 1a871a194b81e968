using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;

namespace UsageAlerts.OpenAi;

internal static class OpenAiServices
{
    public static IServiceCollection AddOpenAi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OpenAiOptions>(configuration, OpenAiOptions.SectionName);
        services.AddHttpClient<OpenAiAdminClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<OpenAiOptions>>().Value.BaseUrl;
                // The resilience pipeline owns timeouts (per attempt and per call).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's own logs put raw header values (the admin key) in their structured state even where the
            // message says "*"; our code logs every call and error it needs, scrubbed.
            .RemoveAllLoggers()
            .AddResilienceHandler(OpenAiResilience.PipelineName, static (builder, context) => OpenAiResilience.Configure(builder, context.ServiceProvider));
        return services;
    }
}
