using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UsageAlerts.Jobs;

/// <summary>
/// The one entry point both hosts use to run a job: the Functions timer triggers and the standalone scheduler.
/// A job already running in this process is not started again (Functions adds the same guarantee across instances
/// with its timer lease); every run is recorded for the health route.
/// </summary>
public sealed partial class ScheduledJobs
{
    private readonly IServiceProvider _services;
    private readonly JobRunStore _runs;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ScheduledJobs> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);

    public ScheduledJobs(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _runs = services.GetRequiredService<JobRunStore>();
        _timeProvider = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILogger<ScheduledJobs>>();
    }

    /// <summary>Runs the job once; returns false when it was already running here and this run was skipped.</summary>
    /// <param name="isPastDue">A catch-up run after missed occurrences; recorded, and run once however many were missed.</param>
    public async Task<bool> RunAsync(string name, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        if (!JobNames.All.Contains(name))
        {
            throw new ArgumentException($"No job named '{name}'.", nameof(name));
        }

        var gate = _running.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            LogSkipped(name);
            return false;
        }

        try
        {
            var started = _timeProvider.GetUtcNow();
            LogStarted(name, isPastDue);
            JobOutcome outcome;
            try
            {
                // A scope per run: jobs hold typed HTTP clients, which must not live for the whole process.
                await using var scope = _services.CreateAsyncScope();
                outcome = await scope.ServiceProvider.GetRequiredKeyedService<IScheduledJob>(name).RunAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = JobOutcome.Failed($"{exception.GetType().Name}: {exception.Message}");
                LogCrashed(name, exception);
            }

            var ended = _timeProvider.GetUtcNow();
            await _runs.RecordAsync(name, started, ended, isPastDue, outcome, cancellationToken);
            LogFinished(name, outcome.Succeeded, outcome.RowsWritten, outcome.PagesRead, outcome.Transactions, outcome.Errors.Count, (ended - started).TotalMilliseconds);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Job {Job} started (past due: {PastDue})")]
    private partial void LogStarted(string job, bool pastDue);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Job {Job} finished: succeeded {Succeeded}, {Rows} rows, {Pages} pages, {Transactions} transactions, {Errors} errors in {ElapsedMs:F0} ms")]
    private partial void LogFinished(string job, bool succeeded, long rows, int pages, int transactions, int errors, double elapsedMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Job {Job} is still running; this occurrence is skipped")]
    private partial void LogSkipped(string job);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Job {Job} crashed")]
    private partial void LogCrashed(string job, Exception exception);
}
