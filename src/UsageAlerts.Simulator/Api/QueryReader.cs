using System.Globalization;

namespace UsageAlerts.Simulator.Api;

/// <summary>Reads query parameters the way OpenAI validates them; arrays as <c>a=1&amp;a=2</c> or <c>a[]=1</c>.</summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public string? String(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;

    public IReadOnlyList<string> Array(string name) =>
        [.. query[name].Concat(query[name + "[]"]).OfType<string>().Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> Array(string name, IReadOnlyCollection<string> allowed)
    {
        var values = Array(name);
        if (values.FirstOrDefault(value => !allowed.Contains(value)) is { } bad)
        {
            var supported = string.Join(", ", allowed.Select(value => $"'{value}'"));
            throw new InvalidRequestException(name, $"Invalid value: '{bad}'. Supported values are: {supported}.");
        }

        return values;
    }

    public long? Long(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidRequestException(name, $"Invalid type for '{name}': expected an integer, but got a string instead.", "invalid_type");
    }

    public long RequiredLong(string name) =>
        Long(name) ?? throw new InvalidRequestException(name, $"Missing required parameter: '{name}'.", "missing_required_parameter");

    public int Int(string name, int defaultValue, int min, int max)
    {
        var value = Long(name) ?? defaultValue;
        if (value < min)
        {
            throw new InvalidRequestException(name, $"Invalid '{name}': integer below minimum value. Expected a value >= {min}, but got {value} instead.", "integer_below_min_value");
        }

        return value <= max
            ? (int)value
            : throw new InvalidRequestException(name, $"Invalid '{name}': integer above maximum value. Expected a value <= {max}, but got {value} instead.", "integer_above_max_value");
    }

    public bool? Bool(string name) => String(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => throw new InvalidRequestException(name, $"Invalid type for '{name}': expected a boolean, but got '{text}' instead.", "invalid_type"),
    };
}
