using Microsoft.Extensions.Options;

namespace UsageAlerts.Rules;

/// <summary>Loads the rules file at start-up so a bad rule stops the app with a message naming the rule and field.</summary>
internal sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        if (options.ResolvedPath is not { } path)
        {
            return ValidateOptionsResult.Success;
        }

        var (_, errors) = RulesLoader.Load(path);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
