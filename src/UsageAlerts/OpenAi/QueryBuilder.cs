using System.Globalization;
using System.Text;

namespace UsageAlerts.OpenAi;

/// <summary>Builds admin API query strings.</summary>
internal sealed class QueryBuilder
{
    private readonly List<(string Name, string Value)> _pairs = [];

    public QueryBuilder Add(string name, string value)
    {
        _pairs.Add((name, value));
        return this;
    }

    public QueryBuilder Add(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, DateTimeOffset value) => Add(name, value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    public QueryBuilder AddOptional(string name, DateTimeOffset? value) => value is { } v ? Add(name, v) : this;

    /// <summary>Arrays go as repeated keys (<c>group_by=a&amp;group_by=b</c>), as the API documents.</summary>
    public QueryBuilder AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(name, value);
        }

        return this;
    }

    public string Build(string path, params (string Name, string Value)[] extra)
    {
        var builder = new StringBuilder(path).Append('?');
        foreach (var (name, value) in _pairs.Concat(extra))
        {
            builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return builder.ToString(0, builder.Length - 1);
    }
}
