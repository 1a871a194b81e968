using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsageAlerts.Notifications;

/// <summary>Which announcement of which alert a row carries: alert id + sequence name it uniquely; the episode tells stale news.</summary>
internal sealed record NoticeRef(string AlertId, int Seq, NoticeType Type, int Episode)
{
    /// <summary>
    /// Whether the notice speaks for a firing alert: it goes stale when the alert stops firing, and its delivery is
    /// recorded on the alert. Resolutions and reports (enforcement) are news of their own.
    /// </summary>
    public bool TracksAlert => Type is not (NoticeType.Resolved or NoticeType.Report);
}

/// <summary>What an outbox row holds: alert notices (one per row) or a digest, and the announcements in it.</summary>
internal sealed record OutboxContent(ChatMessage? Alerts, DigestMessage? Digest, IReadOnlyList<NoticeRef> Refs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static OutboxContent Deserialize(string json) =>
        JsonSerializer.Deserialize<OutboxContent>(json, Json) ?? throw new JsonException("empty outbox content");

    /// <summary>
    /// The same announcement to the same receiver always gets the same id, so two evaluations racing, or a run
    /// repeating after a crash, write one row, not two, however the notices are grouped into messages later.
    /// </summary>
    public static string IdFor(string receiver, IEnumerable<string> parts)
    {
        var text = receiver + "\n" + string.Join('\n', parts.Order(StringComparer.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16).ToLowerInvariant();
    }

    public static string NoticeId(string receiver, NoticeRef notice) => IdFor(receiver, [$"{notice.AlertId}#{notice.Seq}"]);
}
