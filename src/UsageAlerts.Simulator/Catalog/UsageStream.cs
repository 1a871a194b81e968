namespace UsageAlerts.Simulator.Catalog;

/// <summary>A cost line item and the unit its quantity is counted in.</summary>
internal sealed record LineItem(string Name, string? Unit);

/// <summary>How one component of a stream is billed: which line item, at what price per unit.</summary>
internal readonly record struct LineItemUse(int LineItem, int Component, decimal UnitPrice);

/// <summary>
/// The finest unit of generated usage: one combination of dimension values (project, key, user, model, …) of one
/// usage kind, with its traffic profile. Real organizations are sparse, so only some combinations exist.
/// </summary>
internal sealed class UsageStream
{
    public required int Index { get; init; }

    public required ulong Key { get; init; }

    /// <summary>Index of the project, or -1 for usage attributed to no project.</summary>
    public required int Project { get; init; }

    /// <summary>Dimension values indexed by <see cref="Dimension"/>; null where OpenAI would report null.</summary>
    public required string?[] Dimensions { get; init; }

    /// <summary>Events (requests, sessions, …) per hour at the daily peak of a weekday.</summary>
    public required double PeakRate { get; init; }

    /// <summary>Share of days the stream is active at all; 1 for every day.</summary>
    public required double Activity { get; init; }

    /// <summary>The project's time zone, which sets its office hours.</summary>
    public required int UtcOffsetHours { get; init; }

    /// <summary>Batch jobs run around the clock instead of following office hours.</summary>
    public required bool Flat { get; init; }

    /// <summary>Average amount of each component per event (ignored for the kind's count component).</summary>
    public required double[] PerEvent { get; init; }

    public required LineItemUse[] LineItems { get; init; }

    public string? this[Dimension dimension] => Dimensions[(int)dimension];
}
