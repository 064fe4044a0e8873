using Bench.Tests.Shared;
using Bench.Workloads.Cifar10;

namespace Bench.Workloads.Tests.Cifar10;

public sealed class CifarBinaryTests : TempFolderTests
{

    [Fact]
    public void Records_are_label_then_red_green_blue_planes()
    {
        _ = TorchFixture.Cpu;
        var record = new byte[CifarBinary.RecordBytes];
        record[0] = 7;
        record[1] = 10;                 // red, pixel (0, 0)
        record[1 + 1024 + 33] = 20;     // green, pixel (1, 1)
        record[1 + 2048 + 1023] = 30;   // blue, pixel (31, 31)
        var path = Path.Combine(Folder, "one.bin");
        File.WriteAllBytes(path, record);

        var (images, labels) = CifarBinary.Read([path]);

        Assert.Equal(new long[] { 1, 3, 32, 32 }, images.shape);
        Assert.Equal(7, labels[0].item<long>());
        Assert.Equal(10, images[0, 0, 0, 0].item<byte>());
        Assert.Equal(20, images[0, 1, 1, 1].item<byte>());
        Assert.Equal(30, images[0, 2, 31, 31].item<byte>());
    }

    [Fact]
    public void A_truncated_file_is_rejected()
    {
        var path = Path.Combine(Folder, "short.bin");
        File.WriteAllBytes(path, new byte[CifarBinary.RecordBytes + 5]);
        Assert.Contains("not a whole number", Assert.Throws<InvalidDataException>(() => CifarBinary.Read([path])).Message);
    }

    [Fact]
    public void The_shared_subset_has_five_hundred_images_per_class()
    {
        _ = TorchFixture.Cpu;
        var (_, labels) = CifarBinary.Read([Path.Combine(TestData.Root, "cifar10-jpeg-subset", "train.bin")]);
        Assert.Equal(5000, labels.shape[0]);
        Assert.Equal(500, labels.eq(3).sum().item<long>());
    }
}
