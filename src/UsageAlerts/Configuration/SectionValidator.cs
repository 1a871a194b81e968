using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Configuration;

/// <summary>
/// Runs the data annotations of an options class and reports each failure as <c>Section:Setting: problem (got value)</c>,
/// so an operator reading a start-up error knows exactly which app setting to fix.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
        {
            var member = result.MemberNames.FirstOrDefault() ?? "?";
            var value = typeof(TOptions).GetProperty(member)?.GetValue(options);
            return $"{section}:{member}: {result.ErrorMessage} (got '{value}')";
        }));
    }
}
