using Bench.Tests.Shared;
using Bench.Workloads.FashionMnist;

namespace Bench.Workloads.Tests.FashionMnist;

public class IdxReaderTests
{
    [Fact]
    public void A_hand_made_idx3_file_is_read_with_its_shape()
    {
        // magic 0x00000803 (ubyte, 3 dims), dims 2 x 1 x 2, then 4 pixels
        byte[] file = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40];
        var (shape, data) = IdxReader.Parse(file, "t");
        Assert.Equal([2, 1, 2], shape);
        Assert.Equal([10, 20, 30, 40], data);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "bad magic number")]
    [InlineData(new byte[] { 0, 0, 13, 1, 0, 0, 0, 1, 5 }, "element type 0x0d is not supported")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 5 }, "header promises 3 values but the file has 1")]
    public void Malformed_files_fail_with_the_reason(byte[] file, string reason) =>
        Assert.Contains(reason, Assert.Throws<InvalidDataException>(() => IdxReader.Parse(file, "t")).Message);

    [Fact]
    public void The_real_training_labels_have_sixty_thousand_entries()
    {
        var path = Path.Combine(TestData.Root, "fashion-mnist", "train-labels-idx1-ubyte.gz");
        var (shape, data) = IdxReader.Read(path);
        Assert.Equal([60000], shape);
        Assert.Equal(6000, data.Count(b => b == 9));
    }
}
