using System.Text.Json;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>One alert announcement found in a delivered chat message: which alert, and as what (firing, escalated, reminder, resolved).</summary>
internal sealed record SinkNotice(string Receiver, string AlertId, string Type, DateTimeOffset At);

/// <summary>
/// Reads alert announcements back out of what the webhook sinks received, for Teams cards and Slack blocks alike:
/// every notice renders its state line and then an "Alert &lt;id&gt;" line, so walking the JSON strings in order pairs them.
/// </summary>
internal static class SinkNotices
{
    public static bool IsDigest(SinkMessage message) => message.Body.Contains(SoakRules.Digest, StringComparison.Ordinal);

    public static List<SinkNotice> Read(SinkMessage message)
    {
        var notices = new List<SinkNotice>();
        using var document = JsonDocument.Parse(message.Body);
        string? state = null;
        foreach (var text in Strings(document.RootElement))
        {
            if (text.StartsWith("Alert ", StringComparison.Ordinal))
            {
                notices.Add(new SinkNotice(message.Name, text["Alert ".Length..], TypeOf(state), message.ReceivedAt));
            }
            else if (text.StartsWith("Resolved", StringComparison.Ordinal) || text.Contains(" · firing since ", StringComparison.Ordinal)
                || text.Contains(" · escalated · ", StringComparison.Ordinal) || text.Contains(" · still firing since ", StringComparison.Ordinal))
            {
                state = text;
            }
        }

        return notices;
    }

    private static string TypeOf(string? state) => state switch
    {
        null => "unknown",
        _ when state.StartsWith("Resolved", StringComparison.Ordinal) => "resolved",
        _ when state.Contains(" · escalated · ", StringComparison.Ordinal) => "escalated",
        _ when state.Contains(" · still firing since ", StringComparison.Ordinal) => "reminder",
        _ => "firing",
    };

    private static IEnumerable<string> Strings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var text in Strings(item))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var text in Strings(property.Value))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }
}
