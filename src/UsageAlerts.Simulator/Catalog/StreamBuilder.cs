using UsageAlerts.Simulator.Generation;

namespace UsageAlerts.Simulator.Catalog;

/// <summary>How a stream's component is billed: line item name, quantity unit and USD per unit.</summary>
internal sealed record Billing(string LineItem, string? Unit, int Component, decimal PricePerUnit)
{
    public static decimal PerMillion(decimal usd) => usd / 1_000_000m;
}

/// <summary>Collects the streams of one usage kind; a repeated combination of dimensions is kept once.</summary>
internal sealed class StreamBuilder(UsageKind kind, ulong seed, LineItemRegistry lineItems)
{
    private readonly List<UsageStream> _streams = [];
    private readonly HashSet<string> _identities = new(StringComparer.Ordinal);

    public UsageKind Kind => kind;

    public IReadOnlyList<UsageStream> Streams => _streams;

    public void Add(ProjectInfo? project, string?[] dimensions, double peakRate, double[] perEvent, IEnumerable<Billing> billing, double activity = 1, bool flat = false)
    {
        var identity = string.Join('\u001f', dimensions.Select(value => value ?? "\u0000"));
        if (!_identities.Add(identity))
        {
            return;
        }

        _streams.Add(new UsageStream
        {
            Index = _streams.Count,
            Key = StableHash.Combine(seed, StableHash.Of(kind.Name + "\u001e" + identity)),
            Project = project?.Index ?? -1,
            UtcOffsetHours = project?.UtcOffsetHours ?? 0,
            Dimensions = dimensions,
            PeakRate = peakRate,
            Activity = activity,
            Flat = flat,
            PerEvent = perEvent,
            LineItems = [.. billing.Select(b => new LineItemUse(lineItems.Intern(b.LineItem, b.Unit), b.Component, b.PricePerUnit))],
        });
    }

    public static string?[] Dimensions(
        ProjectInfo? project = null,
        string? user = null,
        string? key = null,
        string? model = null,
        bool? batch = null,
        string? tier = null,
        string? size = null,
        string? source = null,
        string? vectorStore = null,
        string? context = null)
    {
        var values = new string?[Catalog.Dimensions.Count];
        values[(int)Dimension.ProjectId] = project?.Id;
        values[(int)Dimension.UserId] = user;
        values[(int)Dimension.ApiKeyId] = key;
        values[(int)Dimension.Model] = model;
        values[(int)Dimension.Batch] = batch switch { true => "true", false => "false", null => null };
        values[(int)Dimension.ServiceTier] = tier;
        values[(int)Dimension.Size] = size;
        values[(int)Dimension.Source] = source;
        values[(int)Dimension.VectorStoreId] = vectorStore;
        values[(int)Dimension.ContextLevel] = context;
        return values;
    }
}

/// <summary>Every line item of the organization, numbered in order of first use.</summary>
internal sealed class LineItemRegistry
{
    private readonly List<LineItem> _items = [];
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public IReadOnlyList<LineItem> Items => _items;

    public int Intern(string name, string? unit)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            index = _items.Count;
            _items.Add(new LineItem(name, unit));
            _indexes.Add(name, index);
        }

        return index;
    }
}
