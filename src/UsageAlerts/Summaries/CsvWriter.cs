using System.Globalization;
using System.Text;

namespace UsageAlerts.Summaries;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, a field quoted when it holds a comma, quote, CR or LF, quotes doubled. Text from
/// data that a spreadsheet would run as a formula (<c>= + - @</c>, tab, CR first) gets a leading apostrophe.
/// </summary>
internal sealed class CsvWriter
{
    private readonly StringBuilder _text = new();
    private bool _rowStarted;

    public CsvWriter Text(string? value) => Raw(value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value);

    public CsvWriter Number(decimal? value) => Raw(value?.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Number(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter EndRow()
    {
        _text.Append("\r\n");
        _rowStarted = false;
        return this;
    }

    public override string ToString() => _text.ToString();

    private CsvWriter Raw(string? value)
    {
        if (_rowStarted)
        {
            _text.Append(',');
        }

        _rowStarted = true;
        if (value is null)
        {
            return this;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _text.Append(value);
        }

        return this;
    }
}
