using System.Globalization;

namespace UsageAlerts.Bench;

/// <summary><c>--name value</c> pairs of a bench command, each with its default; an unknown name is an error.</summary>
internal sealed class NamedOptions
{
    private readonly Dictionary<string, string> _values;

    private NamedOptions(Dictionary<string, string> values) => _values = values;

    public static NamedOptions Parse(string[] args, IReadOnlyDictionary<string, string> defaults)
    {
        var values = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 == args.Length)
            {
                throw new ArgumentException($"Unknown argument or missing value: {args[i]} (known: {string.Join(", ", defaults.Keys)})");
            }

            values[args[i]] = args[i + 1];
        }

        return new NamedOptions(values);
    }

    public string Text(string name) => _values[name];

    public int Number(string name, int min, int max)
    {
        var value = int.Parse(_values[name], NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be between {min} and {max} (was {value}).");
    }
}
