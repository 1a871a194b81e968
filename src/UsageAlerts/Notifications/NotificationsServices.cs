using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;
using UsageAlerts.Notifications.Slack;
using UsageAlerts.Notifications.Teams;

namespace UsageAlerts.Notifications;

internal static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NotificationOptions>(configuration, NotificationOptions.SectionName);
        services.AddValidatedOptions<DashboardOptions>(configuration, DashboardOptions.SectionName);
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<ReceiverStore>();
        services.TryAddSingleton<ReceiverDirectory>();
        services.TryAddSingleton<WebhookPacer>();
        services.AddHttpClient<WebhookClient>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // A webhook URL is a credential, in its path (Slack) or query (Teams): the factory would log it with every post.
            .RemoveAllLoggers();
        services.AddSingleton<IChatRenderer, TeamsRenderer>();
        services.AddSingleton<IChatRenderer, SlackRenderer>();
        services.TryAddTransient<OutboxDeliverer>();
        return services;
    }
}
