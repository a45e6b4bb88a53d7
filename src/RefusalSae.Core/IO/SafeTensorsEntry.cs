namespace RefusalSae.Core.IO;

/// <summary>One tensor's header entry: dtype as written in the file ("F32", "BF16", ...), shape and byte range.</summary>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ByteCount => End - Begin;
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
