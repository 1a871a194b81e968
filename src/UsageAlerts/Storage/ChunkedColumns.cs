using System.Globalization;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// Binary data stored in one entity over columns <c>Data0</c>, <c>Data1</c>…, because one binary property holds at
/// most 64 KiB. Data too big for one entity is not stored: the entity is marked <see cref="Oversized"/> and readers
/// fall back to the rows it summarises.
/// </summary>
internal static class ChunkedColumns
{
    public const string Oversized = nameof(Oversized);
    private const string Data = nameof(Data);
    private const int ChunkBytes = 64 * 1024;

    // An entity holds at most 1 MiB; leave room for keys and the other columns.
    private const int MaxChunks = 14;

    public static void Write(TableEntity entity, byte[] data)
    {
        if (data.Length > MaxChunks * ChunkBytes)
        {
            entity[Oversized] = true;
            return;
        }

        for (var chunk = 0; chunk * ChunkBytes < data.Length; chunk++)
        {
            entity[Data + chunk.ToString(CultureInfo.InvariantCulture)] = data.AsSpan(chunk * ChunkBytes, Math.Min(ChunkBytes, data.Length - (chunk * ChunkBytes))).ToArray();
        }
    }

    /// <summary>The data an entity holds, or null when it was too big to store.</summary>
    public static byte[]? Read(TableEntity entity)
    {
        if (entity.GetBoolean(Oversized) == true)
        {
            return null;
        }

        using var data = new MemoryStream();
        for (var chunk = 0; entity.GetBinary(Data + chunk.ToString(CultureInfo.InvariantCulture)) is { } bytes; chunk++)
        {
            data.Write(bytes);
        }

        return data.ToArray();
    }
}
