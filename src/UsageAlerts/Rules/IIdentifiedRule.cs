namespace UsageAlerts.Rules;

/// <summary>
/// A rule whose alerts keep their identity across edits: <see cref="Key"/> is the rule's <c>id</c>, or its name when
/// it has none, so a rule with an id can be renamed without its alerts firing again.
/// </summary>
internal interface IIdentifiedRule
{
    string? Id { get; }

    string Name { get; }

    string Key { get; }
}
