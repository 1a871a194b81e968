using Microsoft.Extensions.Options;

namespace UsageAlerts.Pricing;

/// <summary>Loads the prices file at start-up, so a malformed file or a bad price stops the app with a message naming the file and field.</summary>
internal sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var (_, errors) = PriceListLoader.Load(options.ResolvedPricesPath);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"{PricingOptions.SectionName}:{nameof(PricingOptions.PricesPath)}: {e}"));
    }
}
