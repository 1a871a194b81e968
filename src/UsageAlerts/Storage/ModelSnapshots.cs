using System.Text.RegularExpressions;

namespace UsageAlerts.Storage;

/// <summary>
/// Usage and bills name dated snapshots (<c>gpt-4o-2024-08-06</c>, <c>gpt-4-0613</c>) where limits and prices are
/// often set on the model family (<c>gpt-4o</c>).
/// </summary>
internal static partial class ModelSnapshots
{
    /// <summary>
    /// The exact name among <paramref name="families"/>, else the longest one the model extends by a date suffix only
    /// (<c>gpt-4o-mini-…</c> never falls under <c>gpt-4o</c>).
    /// </summary>
    public static string? FamilyOf(string model, IEnumerable<string> families)
    {
        var candidates = families.ToList();
        return candidates.FirstOrDefault(c => c == model)
            ?? candidates.Where(c => model.StartsWith(c, StringComparison.Ordinal) && SnapshotSuffix().IsMatch(model.AsSpan(c.Length))).MaxBy(c => c.Length);
    }

    [GeneratedRegex(@"^-(\d{4}-\d{2}-\d{2}|\d{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();
}
