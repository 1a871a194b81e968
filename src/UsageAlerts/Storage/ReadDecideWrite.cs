namespace UsageAlerts.Storage;

/// <summary>
/// The one optimistic-concurrency loop: read a row, decide its next version, write it only if nobody changed it
/// since (ETag); on a conflict read again and decide again from what the other writer left.
/// </summary>
internal static class ReadDecideWrite
{
    public const int MaxAttempts = 5;

    /// <param name="read">Reads the current version; the attempt number (0 first) lets a caller answer the first read from what it already holds.</param>
    /// <param name="decide">The change to make, or null when there is nothing to write.</param>
    /// <param name="tryWrite">Writes conditionally; false when another writer got there first.</param>
    /// <returns>The decision written, or null when there was nothing to write.</returns>
    public static async Task<TDecision?> RunAsync<TState, TDecision>(
        Func<int, CancellationToken, Task<TState?>> read,
        Func<TState?, TDecision?> decide,
        Func<TDecision, CancellationToken, Task<bool>> tryWrite,
        CancellationToken cancellationToken)
        where TDecision : class
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await read(attempt, cancellationToken);
            if (decide(current) is not { } decision)
            {
                return null;
            }

            if (await tryWrite(decision, cancellationToken))
            {
                return decision;
            }
        }

        throw new InvalidOperationException($"A row kept changing under {MaxAttempts} conditional writes in a row; the next run tries again.");
    }
}
