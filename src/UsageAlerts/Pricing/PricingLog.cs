using Microsoft.Extensions.Logging;

namespace UsageAlerts.Pricing;

internal static partial class PricingLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Priced {Day}: rates of {RatesDay}, {Unpriced} unpriced line items, {FilePriced} priced from the prices file, billed per key: {BilledPerKey}")]
    public static partial void DayPriced(ILogger logger, DateOnly day, DateOnly? ratesDay, int unpriced, int filePriced, bool billedPerKey);
}
