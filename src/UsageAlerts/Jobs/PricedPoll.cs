using Azure;
using UsageAlerts.Ingestion;
using UsageAlerts.Pricing;

namespace UsageAlerts.Jobs;

/// <summary>
/// A poll followed by pricing of the days it changed (and of today after a recent-usage poll, whose minutes the
/// estimate adds). A pricing failure is reported in the run, never undoes
/// the poll: the days stay pending and the next run prices them.
/// </summary>
internal sealed class PricedPoll(StreamPoller poller, CostEstimator estimator)
{
    public async Task<JobOutcome> RunAsync(IReadOnlyList<StreamDefinition> streams, IBucketSource source, CancellationToken cancellationToken, bool priceToday = false)
    {
        var outcome = await poller.PollAsync(streams, source, cancellationToken);
        try
        {
            await estimator.RunAsync(cancellationToken, priceToday);
            return outcome;
        }
        catch (RequestFailedException exception)
        {
            return JobOutcome.Combine([outcome, JobOutcome.Failed($"pricing: table storage answered {exception.Status} {exception.ErrorCode}")]);
        }
    }
}
