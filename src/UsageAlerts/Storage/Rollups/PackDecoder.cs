using System.IO.Compression;
using System.Text;

namespace UsageAlerts.Storage.Rollups;

/// <summary>Reads what <see cref="PackBuilder.Encode"/> wrote back into records.</summary>
internal static class PackDecoder
{
    /// <summary>The pack's records, dated <paramref name="day"/>; <paramref name="kind"/> names a usage pack's endpoint.</summary>
    public static (List<UsageRecord> Usage, List<CostRecord> Costs) Decode(byte[] data, DateOnly day, string? kind)
    {
        using var reader = new BinaryReader(new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress), Encoding.UTF8);
        var type = reader.ReadByte();
        if (type is not (PackBuilder.UsagePack or PackBuilder.CostPack or PackBuilder.FlaggedCostPack) || (type == PackBuilder.UsagePack) != (kind is not null))
        {
            throw new InvalidDataException($"Pack of type {type} does not match the {(kind is null ? "costs" : kind)} stream.");
        }

        var strings = new string?[reader.Read7BitEncodedInt() + 1];
        for (var i = 1; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }

        var count = reader.Read7BitEncodedInt();
        var usage = new List<UsageRecord>(kind is null ? 0 : count);
        var costs = new List<CostRecord>(kind is null ? count : 0);
        for (var i = 0; i < count; i++)
        {
            var (project, detail, key) = (strings[reader.Read7BitEncodedInt()], strings[reader.Read7BitEncodedInt()], strings[reader.Read7BitEncodedInt()]);
            if (kind is null)
            {
                var amount = reader.ReadDecimal();
                costs.Add(new CostRecord(day, project, detail, key, amount, type == PackBuilder.FlaggedCostPack && reader.ReadBoolean()));
                continue;
            }

            var metrics = new KeyValuePair<string, long>[reader.Read7BitEncodedInt()];
            for (var m = 0; m < metrics.Length; m++)
            {
                metrics[m] = new(strings[reader.Read7BitEncodedInt()]!, reader.Read7BitEncodedInt64());
            }

            usage.Add(new UsageRecord(Periods.Midnight(day), kind, project, detail, key, metrics));
        }

        return (usage, costs);
    }
}
