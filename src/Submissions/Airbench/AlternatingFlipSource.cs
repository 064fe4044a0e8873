using Bench.Contracts;
using static TorchSharp.torch;

namespace Bench.Submissions.Airbench;

/// <summary>
/// airbench's derandomised horizontal flip (Jordan, arXiv 2404.00498, section 3.6): in the first epoch each image is
/// flipped with probability 1/2; in every later epoch it is flipped exactly when it was not in the epoch before, so
/// over two epochs every image is seen both ways. The order is reshuffled every epoch from the same generator (System.Random,
/// so torch's is untouched). airbench streams it over the workload's <see cref="WorkloadAccess.TrainingSplit"/> in place of
/// the workload's random flips (<see cref="TrainingMethod.TrainBatches"/>); batches carry the images' row numbers as ids.
/// </summary>
public sealed class AlternatingFlipSource : IBatchSource
{
    readonly Tensor images;
    readonly Tensor labels;
    readonly Random random;
    readonly bool[] firstEpoch;
    int[] order = [];
    int cursor;
    int epoch = -1;

    public AlternatingFlipSource(Tensor images, Tensor labels, int seed)
    {
        (this.images, this.labels) = (images, labels);
        random = new Random(seed);
        firstEpoch = [.. Enumerable.Range(0, (int)images.shape[0]).Select(_ => random.Next(2) == 1)];
    }

    /// <summary>Whether an image whose first-epoch draw was <paramref name="firstEpochFlip"/> is flipped in epoch <paramref name="epoch"/>.</summary>
    public static bool Flipped(bool firstEpochFlip, int epoch) => firstEpochFlip ^ (epoch % 2 == 1);

    public Batch Next(int size)
    {
        var indices = new long[size];
        var flips = new bool[size];
        for (var i = 0; i < size; i++)
        {
            if (cursor == order.Length) NewEpoch();
            var index = order[cursor++];
            indices[i] = index;
            flips[i] = Flipped(firstEpoch[index], epoch);
        }
        using var selection = tensor(indices, device: images.device);
        var batch = images.index_select(0, selection);
        var flip = tensor(flips, device: images.device).view(size, 1, 1, 1);
        return new Batch(where(flip, batch.flip(3), batch), labels.index_select(0, selection)) { ExampleIds = indices };
    }

    void NewEpoch()
    {
        order = [.. Enumerable.Range(0, firstEpoch.Length)];
        random.Shuffle(order);
        cursor = 0;
        epoch++;
    }
}
