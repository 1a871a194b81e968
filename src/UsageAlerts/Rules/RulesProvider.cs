using Microsoft.Extensions.Options;

namespace UsageAlerts.Rules;

/// <summary>The rules in force: read once (they were checked at start-up); edits take effect on redeploy or restart.</summary>
internal sealed class RulesProvider(IOptions<RulesOptions> options)
{
    private readonly Lazy<RulesDocument> _rules = new(() =>
    {
        if (options.Value.ResolvedPath is not { } path)
        {
            return new RulesDocument();
        }

        var (rules, errors) = RulesLoader.Load(path);
        return rules ?? throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
    });

    public RulesDocument Current => _rules.Value;
}
