using Appliance.Crypto.Container;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Container;

public class ProtectedFileAllocationTests
{
    private const int SegmentSize = 16 * 1024;

    [Fact]
    public async Task DecryptAsync_FourTimesTheSegments_AllocatesNoMore()
    {
        // Arrange - constant memory: decrypting 4x as many segments must not allocate more (no per-segment buffers,
        // nonces or AesGcm instances). MemoryStream completes synchronously, so everything runs on this thread.
        var key = Licences.NewContentKey();
        var id = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(id, key);
        var small = await Licences.ProtectAsync(new byte[64 * SegmentSize], key, id, pl, SegmentSize);
        var large = await Licences.ProtectAsync(new byte[256 * SegmentSize], key, id, pl, SegmentSize);

        // Warm up (tiered JIT), then keep the least of a few runs to filter out unrelated runtime allocations.
        var smallBytes = Least(() => Decrypt(small, key));
        var largeBytes = Least(() => Decrypt(large, key));
        var encryptSmall = Least(() => Encrypt(64 * SegmentSize, key, id, pl));
        var encryptLarge = Least(() => Encrypt(256 * SegmentSize, key, id, pl));

        Assert.True(largeBytes - smallBytes < 4096, $"decrypt: {smallBytes} bytes for 64 segments, {largeBytes} for 256");
        Assert.True(encryptLarge - encryptSmall < 4096, $"encrypt: {encryptSmall} bytes for 64 segments, {encryptLarge} for 256");
        Assert.True(largeBytes < 256 * 1024, $"decrypt allocated {largeBytes} bytes");
    }

    private static long Least(Func<long> measure)
    {
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            least = Math.Min(least, measure());
        }

        return least;
    }

    private static long Decrypt(byte[] file, byte[] key)
    {
        var input = new MemoryStream(file);
        var before = GC.GetAllocatedBytesForCurrentThread();
        ProtectedFile.DecryptAsync(input, Stream.Null, key, CancellationToken.None).GetAwaiter().GetResult();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static long Encrypt(int length, byte[] key, Guid id, string pl)
    {
        var input = new MemoryStream(new byte[length]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        ProtectedFile.EncryptAsync(input, Stream.Null, pl, id, new ProtectedFileMetadata("a.bin", "application/octet-stream"), key, CancellationToken.None, SegmentSize)
            .GetAwaiter().GetResult();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
