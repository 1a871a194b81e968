using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Polls a set of streams a few at a time. One stream's failure is recorded on that stream and does not stop the
/// others, except a rejected admin key or exhausted quota, which blinds every stream alike. The states are read
/// once and written once per job: when every stream is done, the days they stored are marked for pricing (one
/// batch), then every stream's state, progress and outcome together, goes out as one batch.
/// </summary>
internal sealed class StreamPoller(
    BucketStreamIngestor ingestor,
    StreamStateStore states,
    PricingBacklog pricing,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<StreamPoller> logger)
{
    public async Task<JobOutcome> PollAsync(IReadOnlyList<StreamDefinition> streams, IBucketSource source, CancellationToken cancellationToken)
    {
        var outcome = new ConcurrentBag<JobOutcome>();
        var ends = new ConcurrentBag<StreamEnd>();
        var known = (await states.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.RunBudget);
        using var blinded = CancellationTokenSource.CreateLinkedTokenSource(budget.Token);
        OpenAiApiException? blindingError = null;

        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.StreamConcurrency, CancellationToken = CancellationToken.None },
            async (stream, _) =>
            {
                var progress = new StreamProgress(known.GetValueOrDefault(stream.Name));
                if (blindingError is { } blinding)
                {
                    ends.Add(Fail(stream, progress, blinding.Kind.ToString(), blinding.Message, outcome));
                    return;
                }

                try
                {
                    var result = await ingestor.RunAsync(stream, progress, source, blinded.Token);
                    IngestionLog.StreamPolled(logger, stream.Name, result.RowsWritten, result.RowsUnchanged, result.RowsDeleted, result.PagesRead, result.Transactions);
                    outcome.Add(JobOutcome.From(result));
                    ends.Add(new StreamEnd(stream.Name, progress, StreamStateStore.Success(timeProvider.GetUtcNow(), result)));
                }
                catch (OpenAiApiException exception) when (exception.Kind == OpenAiErrorKind.NotFound && stream.Kind?.Optional == true)
                {
                    IngestionLog.StreamUnavailable(logger, stream.Name);
                    ends.Add(new StreamEnd(stream.Name, progress, StreamStateStore.Success(timeProvider.GetUtcNow(), StreamRunResult.Empty(stream.Name), unavailable: true)));
                }
                catch (OpenAiApiException exception)
                {
                    if (exception.IsBlinding && Interlocked.CompareExchange(ref blindingError, exception, null) is null)
                    {
                        IngestionLog.Blind(logger, exception.Kind.ToString());
                        await blinded.CancelAsync();
                    }

                    ends.Add(Fail(stream, progress, exception.Kind.ToString(), exception.Message, outcome));
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    var reason = blindingError is { } b ? (b.Kind.ToString(), b.Message) : ("Budget", $"the run budget of {options.Value.RunBudget} ran out; the next run resumes from the watermark");
                    ends.Add(Fail(stream, progress, reason.Item1, reason.Item2, outcome));
                }
                catch (RequestFailedException exception)
                {
                    ends.Add(Fail(stream, progress, "Storage", $"table storage answered {exception.Status} {exception.ErrorCode}", outcome));
                }
            });

        var commits = await MarkForPricingAsync([.. ends], outcome, cancellationToken);
        try
        {
            await states.CommitAllAsync([.. commits.Select(e => (e.Stream, e.Progress.Known, e.Progress.Then(e.Outcome)))], cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            outcome.Add(JobOutcome.Failed($"stream states: table storage answered {exception.Status} {exception.ErrorCode}"));
        }

        return JobOutcome.Combine(outcome);
    }

    /// <summary>
    /// Marks the stored days for pricing before any watermark moves past them. When that fails, the streams that
    /// stored days record the failure and keep their watermarks, so the next run reads those days again.
    /// </summary>
    private async Task<IReadOnlyList<StreamEnd>> MarkForPricingAsync(IReadOnlyList<StreamEnd> ends, ConcurrentBag<JobOutcome> outcome, CancellationToken cancellationToken)
    {
        var days = ends.SelectMany(e => e.Progress.Days).ToHashSet();
        if (days.Count == 0)
        {
            return ends;
        }

        try
        {
            await pricing.MarkAsync(days, new ConcurrentDictionary<DateOnly, bool>(), cancellationToken);
            return ends;
        }
        catch (RequestFailedException exception)
        {
            var error = $"pricing marks: table storage answered {exception.Status} {exception.ErrorCode}";
            IngestionLog.PricingMarksFailed(logger, error);
            outcome.Add(JobOutcome.Failed(error));
            return [.. ends.Select(e => e.Progress.Days.Count == 0 ? e : new StreamEnd(e.Stream, new StreamProgress(e.Progress.Known), StreamStateStore.Failure(timeProvider.GetUtcNow(), "Storage", error)))];
        }
    }

    private StreamEnd Fail(StreamDefinition stream, StreamProgress progress, string kind, string error, ConcurrentBag<JobOutcome> outcome)
    {
        IngestionLog.StreamFailed(logger, stream.Name, kind, error);
        outcome.Add(JobOutcome.Failed($"{stream.Name}: {error}"));
        return new StreamEnd(stream.Name, progress, StreamStateStore.Failure(timeProvider.GetUtcNow(), kind, error));
    }

    private sealed record StreamEnd(string Stream, StreamProgress Progress, Action<StreamStateEntity> Outcome);
}
