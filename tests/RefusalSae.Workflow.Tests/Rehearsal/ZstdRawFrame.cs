using System.Buffers.Binary;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// Writes bytes as one Zstandard frame of raw (stored) blocks (RFC 8878 §3.1.1): magic, a frame header with the content
/// size, blocks of at most 128 KiB with a 3-byte header each. Every zstd decoder reads it; no compression is needed for
/// a test's small Pile stand-in.
/// </summary>
public static class ZstdRawFrame
{
    private const int MaxBlock = 128 * 1024;

    public static void Write(string path, byte[] content)
    {
        using var output = File.Create(path);
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(word, 0xFD2FB528);
        output.Write(word[..4]);
        // Frame header descriptor: Frame_Content_Size_Flag 3 (8-byte size), Single_Segment_Flag 1, no checksum, no dictionary.
        output.WriteByte(0b1110_0000);
        BinaryPrimitives.WriteUInt64LittleEndian(word, (ulong)content.Length);
        output.Write(word);
        var offset = 0;
        do
        {
            var size = Math.Min(MaxBlock, content.Length - offset);
            var last = offset + size == content.Length ? 1 : 0;
            var header = (size << 3) | (0 << 1) | last;                // Block_Type 0 = Raw_Block
            output.WriteByte((byte)header);
            output.WriteByte((byte)(header >> 8));
            output.WriteByte((byte)(header >> 16));
            output.Write(content, offset, size);
            offset += size;
        }
        while (offset < content.Length);
    }
}
