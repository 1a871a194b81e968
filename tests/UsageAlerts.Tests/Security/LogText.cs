using System.Collections;
using System.Text;
using Microsoft.Extensions.Logging.Testing;

namespace UsageAlerts.Tests.Security;

/// <summary>Everything a log sink could receive from one record: message, state, scopes and the whole exception.</summary>
internal static class LogText
{
    public static string Of(FakeLogRecord record)
    {
        var text = new StringBuilder().Append(record.Category).Append(' ').Append(record.Message);
        foreach (var (key, value) in record.StructuredState ?? [])
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }

        foreach (var scope in record.Scopes)
        {
            text.Append(" scope:").Append(scope);
            if (scope is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    text.Append(' ').Append(item);
                }
            }
        }

        return text.Append(' ').Append(record.Exception?.ToString()).ToString();
    }
}
