using RefusalSae.Core.Tokenization;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class BatchEncodingTests
{
    [Fact]
    public void Sequences_are_left_padded_with_the_pad_id_and_masked()
    {
        var batch = BatchEncoding.LeftPad([[5, 6, 7], [8]], padId: 0);
        Assert.Equal(new long[,] { { 5, 6, 7 }, { 0, 0, 8 } }, batch.InputIds);
        Assert.Equal(new long[,] { { 1, 1, 1 }, { 0, 0, 1 } }, batch.AttentionMask);
        Assert.Equal([8L], batch.Row(1));
    }

    [Fact]
    public void Position_ids_start_at_zero_on_the_first_real_token_and_pads_get_one()
    {
        var batch = BatchEncoding.LeftPad([[5, 6, 7], [8, 9]], padId: 3, length: 4);
        Assert.Equal(new long[,] { { 1, 0, 1, 2 }, { 1, 1, 0, 1 } }, batch.PositionIds());
        Assert.Equal(new long[,] { { 3, 5, 6, 7 }, { 3, 3, 8, 9 } }, batch.InputIds);
    }

    [Fact]
    public void A_padding_length_shorter_than_a_sequence_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => BatchEncoding.LeftPad([[1, 2, 3]], 0, length: 2));
        Assert.Contains("3 tokens", e.Message);
    }

    [Fact]
    public void Tensors_are_int64_with_shape_batch_by_length()
    {
        var (ids, mask) = BatchEncoding.LeftPad([[5, 6, 7], [8]], padId: 1).ToTensors();
        using (ids)
        using (mask)
        {
            Assert.Equal([2L, 3L], ids.shape);
            Assert.Equal(TorchSharp.torch.ScalarType.Int64, mask.dtype);
            Assert.Equal([1L, 1L, 8L], ids[1].data<long>().ToArray());
            Assert.Equal(4L, mask.sum().item<long>());
        }
    }
}
