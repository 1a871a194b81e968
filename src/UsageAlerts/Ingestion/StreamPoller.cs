using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Polls a set of streams a few at a time. One stream's failure is recorded on that stream and does not stop the
/// others, except a rejected admin key or exhausted quota, which blinds every stream alike.
/// </summary>
internal sealed class StreamPoller(
    BucketStreamIngestor ingestor,
    StreamStateStore states,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<StreamPoller> logger)
{
    public async Task<JobOutcome> PollAsync(IReadOnlyList<StreamDefinition> streams, IBucketSource source, CancellationToken cancellationToken)
    {
        var outcome = new ConcurrentBag<JobOutcome>();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.RunBudget);
        using var blinded = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
        OpenAiApiException? blindingError = null;
        var pricingMarks = new ConcurrentDictionary<DateOnly, bool>();

        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.StreamConcurrency, CancellationToken = CancellationToken.None },
            async (stream, _) =>
            {
                if (blindingError is { } known)
                {
                    outcome.Add(await FailAsync(stream, known.Kind.ToString(), known.Message, cancellationToken));
                    return;
                }

                try
                {
                    var result = await ingestor.RunAsync(stream, source, pricingMarks, blinded.Token);
                    IngestionLog.StreamPolled(logger, stream.Name, result.RowsWritten, result.RowsDeleted, result.PagesRead, result.Transactions);
                    outcome.Add(JobOutcome.From(result));
                }
                catch (OpenAiApiException exception) when (exception.Kind == OpenAiErrorKind.NotFound && stream.Kind?.Optional == true)
                {
                    await states.RecordSuccessAsync(stream.Name, timeProvider.GetUtcNow(), StreamRunResult.Empty(stream.Name), cancellationToken, unavailable: true);
                    IngestionLog.StreamUnavailable(logger, stream.Name);
                }
                catch (OpenAiApiException exception)
                {
                    if (exception.IsBlinding && Interlocked.CompareExchange(ref blindingError, exception, null) is null)
                    {
                        IngestionLog.Blind(logger, exception.Kind.ToString());
                        await blinded.CancelAsync();
                    }

                    outcome.Add(await FailAsync(stream, exception.Kind.ToString(), exception.Message, cancellationToken));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = blindingError is { } b ? (b.Kind.ToString(), b.Message) : ("Budget", $"the run budget of {options.Value.RunBudget} ran out; the next run resumes from the watermark");
                    outcome.Add(await FailAsync(stream, reason.Item1, reason.Item2, cancellationToken));
                }
                catch (Azure.RequestFailedException exception)
                {
                    outcome.Add(await FailAsync(stream, "Storage", $"table storage answered {exception.Status} {exception.ErrorCode}", cancellationToken));
                }
            });

        return JobOutcome.Combine(outcome);
    }

    private async Task<JobOutcome> FailAsync(StreamDefinition stream, string kind, string error, CancellationToken cancellationToken)
    {
        IngestionLog.StreamFailed(logger, stream.Name, kind, error);
        await states.RecordFailureAsync(stream.Name, timeProvider.GetUtcNow(), kind, error, cancellationToken);
        return JobOutcome.Failed($"{stream.Name}: {error}");
    }
}
