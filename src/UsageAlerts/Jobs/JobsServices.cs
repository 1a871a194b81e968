using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UsageAlerts.Configuration;

namespace UsageAlerts.Jobs;

internal static class JobsServices
{
    /// <summary>Every scheduled job by name, and the runner both hosts trigger them through.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScheduleOptions, ScheduleOptionsValidator>(configuration, ScheduleOptions.SectionName);
        services.TryAddSingleton<JobRunStore>();
        services.TryAddSingleton<PricedPoll>();
        services.AddKeyedTransient<IScheduledJob, PollUsageJob>(JobNames.PollUsage);
        services.AddKeyedTransient<IScheduledJob, PollRecentUsageJob>(JobNames.PollRecentUsage);
        services.AddKeyedTransient<IScheduledJob, PollCostsJob>(JobNames.PollCosts);
        services.AddKeyedTransient<IScheduledJob, PollProjectsJob>(JobNames.PollProjects);
        services.AddKeyedTransient<IScheduledJob, CleanupJob>(JobNames.Cleanup);
        services.AddKeyedTransient<IScheduledJob, EvaluateJob>(JobNames.Evaluate);
        services.AddKeyedTransient<IScheduledJob, DeliverJob>(JobNames.Deliver);
        services.AddKeyedTransient<IScheduledJob, DigestJob>(JobNames.Digest);
        services.TryAddSingleton<ScheduledJobs>();
        return services;
    }
}
