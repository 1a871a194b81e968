using Microsoft.Extensions.Options;
using UsageAlerts.Configuration;

namespace UsageAlerts.Jobs;

internal sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var failures = new List<string>();
        foreach (var job in JobNames.All)
        {
            if (!CronSchedule.TryParse(options.ExpressionFor(job), out _, out var error))
            {
                failures.Add($"{ScheduleOptions.SectionName}:{job}: {error}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
