using Microsoft.Extensions.Options;

namespace UsageAlerts.Summaries;

/// <summary>Cross-setting rules the per-setting ranges cannot express.</summary>
internal sealed class SummaryOptionsValidator : IValidateOptions<SummaryOptions>
{
    public ValidateOptionsResult Validate(string? name, SummaryOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultRangeDays > options.MaxRangeDays)
        {
            failures.Add($"{SummaryOptions.SectionName}:DefaultRangeDays ({options.DefaultRangeDays}) must not exceed {SummaryOptions.SectionName}:MaxRangeDays ({options.MaxRangeDays}).");
        }

        if (options.DefaultHeadroomMinutes > options.MaxHeadroomMinutes)
        {
            failures.Add($"{SummaryOptions.SectionName}:DefaultHeadroomMinutes ({options.DefaultHeadroomMinutes}) must not exceed {SummaryOptions.SectionName}:MaxHeadroomMinutes ({options.MaxHeadroomMinutes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
