using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace UsageAlerts.Notifications;

/// <summary>
/// Compact JSON for webhook bodies. System.Text.Json's encoders escape every character outside the Basic
/// Multilingual Plane (emoji become "\uD83D\uDE80") even when relaxed; this writer escapes only what JSON requires
/// (quote, backslash, control characters), so bodies stay readable and their size is what people expect.
/// Object members keep insertion order, so the same tree always gives the same bytes.
/// </summary>
internal static class ChatJson
{
    /// <summary>UTF-8 without a byte order mark, which is what both webhooks expect.</summary>
    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    internal static int ByteCount(JsonNode? node) => Utf8.GetByteCount(Serialize(node));

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    WriteString(builder, name);
                    builder.Append(':');
                    Write(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                WriteString(builder, text);
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                builder.Append(flag ? "true" : "false");
                break;
            default:
                throw new InvalidOperationException($"Chat bodies hold strings, booleans, objects and arrays only, not {node.GetValueKind()}.");
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
