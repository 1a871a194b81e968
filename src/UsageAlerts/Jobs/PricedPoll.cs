using Azure;
using UsageAlerts.Ingestion;
using UsageAlerts.Pricing;

namespace UsageAlerts.Jobs;

/// <summary>
/// A daily poll followed by pricing of the days it changed. A pricing failure is reported in the run, never undoes
/// the poll: the days stay pending and the next run prices them.
/// </summary>
internal sealed class PricedPoll(StreamPoller poller, CostEstimator estimator)
{
    public async Task<JobOutcome> RunAsync(IReadOnlyList<StreamDefinition> streams, IBucketSource source, CancellationToken cancellationToken)
    {
        var outcome = await poller.PollAsync(streams, source, cancellationToken);
        try
        {
            await estimator.RunAsync(cancellationToken);
            return outcome;
        }
        catch (RequestFailedException exception)
        {
            return JobOutcome.Combine([outcome, JobOutcome.Failed($"pricing: table storage answered {exception.Status} {exception.ErrorCode}")]);
        }
    }
}
