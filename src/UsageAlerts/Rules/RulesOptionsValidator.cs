using Microsoft.Extensions.Options;
using UsageAlerts.Ingestion;

namespace UsageAlerts.Rules;

/// <summary>
/// Loads the rules file at start-up so a bad rule stops the app with a message naming the rule and field, including
/// a rule that needs a stream <c>Ingestion:Kinds</c> does not poll.
/// </summary>
internal sealed class RulesOptionsValidator(StreamCatalog streams) : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        if (options.ResolvedPath is not { } path)
        {
            return ValidateOptionsResult.Success;
        }

        var (rules, errors) = RulesLoader.Load(path);
        errors = rules is null ? errors : [.. RuleStreams.Problems(rules, streams).Select(e => $"{path}: {e}")];
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
