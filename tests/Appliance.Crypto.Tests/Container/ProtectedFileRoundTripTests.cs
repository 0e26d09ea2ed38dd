using System.Security.Cryptography;
using Appliance.Crypto.Container;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Container;

public class ProtectedFileRoundTripTests
{
    private const int Small = 64;

    [Theory]
    [InlineData(0, Small)]
    [InlineData(1, Small)]
    [InlineData(Small - 1, Small)]
    [InlineData(Small, Small)]
    [InlineData(Small + 1, Small)]
    [InlineData(3 * Small, Small)]
    [InlineData(0, ProtectedFile.DefaultSegmentSize)]
    [InlineData(1, ProtectedFile.DefaultSegmentSize)]
    [InlineData(ProtectedFile.DefaultSegmentSize - 1, ProtectedFile.DefaultSegmentSize)]
    [InlineData(ProtectedFile.DefaultSegmentSize, ProtectedFile.DefaultSegmentSize)]
    [InlineData(ProtectedFile.DefaultSegmentSize + 1, ProtectedFile.DefaultSegmentSize)]
    [InlineData((5 * 1024 * 1024) + 12345, ProtectedFile.DefaultSegmentSize)]
    public async Task DecryptAsync_EncryptedFile_ReturnsPlaintext(int length, int segmentSize)
    {
        // Arrange - lengths around a segment boundary check the look-ahead that finds the last segment.
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var file = await Licences.ProtectAsync(plaintext, contentKey, contentId, await Licences.PublishingLicenseAsync(contentId, contentKey), segmentSize);

        using var output = new MemoryStream();
        await ProtectedFile.DecryptAsync(new MemoryStream(file), output, contentKey, CancellationToken.None);

        Assert.Equal(plaintext, output.ToArray());
        var segments = Math.Max(1, (length + segmentSize - 1) / segmentSize);
        Assert.Equal(HeaderLength(file) + length + (16L * segments), file.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Small)]
    [InlineData((10 * Small) + 7)]
    [InlineData(100_000)]
    public async Task DecryptAsync_NonSeekableTrickleStreams_ReturnsPlaintext(int length)
    {
        // Arrange - a socket-like input that never fills a buffer in one read, and cannot seek.
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);
        using var encrypted = new MemoryStream();
        await ProtectedFile.EncryptAsync(new TrickleStream(plaintext, 7), encrypted, pl, contentId, new ProtectedFileMetadata("a.bin", "application/octet-stream"), contentKey, CancellationToken.None, Small);

        using var output = new MemoryStream();
        await ProtectedFile.DecryptAsync(new TrickleStream(encrypted.ToArray(), 11), output, contentKey, CancellationToken.None);

        Assert.Equal(plaintext, output.ToArray());
    }

    [Fact]
    public async Task ReadHeaderAsync_WithoutKey_ReturnsMetadataAndStopsAtFirstSegment()
    {
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);
        using var file = new MemoryStream();
        await ProtectedFile.EncryptAsync(new MemoryStream(new byte[10]), file, pl, contentId, new ProtectedFileMetadata("Bilan 2024 – été.xlsx", "application/vnd.ms-excel"), contentKey, CancellationToken.None, 4096);
        file.Position = 0;

        var header = await ProtectedFile.ReadHeaderAsync(file, CancellationToken.None);

        Assert.Equal(new ProtectedFileHeader(pl, contentId, "Bilan 2024 – été.xlsx", "application/vnd.ms-excel", 4096), header);
        Assert.Equal(file.Length - 10 - 16, file.Position);
        Assert.Equal(contentId, PublishingLicense.Parse(header.PublishingLicense).Content.ContentId);
    }

    [Fact]
    public async Task ReadSegmentAsync_EachSegment_ReturnsItsSlice()
    {
        var plaintext = RandomNumberGenerator.GetBytes((4 * Small) + 10);
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var file = await Licences.ProtectAsync(plaintext, contentKey, contentId, await Licences.PublishingLicenseAsync(contentId, contentKey), Small);

        for (var i = 0; i < 5; i++)
        {
            var segment = await ProtectedFile.ReadSegmentAsync(new MemoryStream(file), i, contentKey, CancellationToken.None);
            Assert.Equal(plaintext.AsSpan(i * Small, Math.Min(Small, plaintext.Length - (i * Small))).ToArray(), segment);
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProtectedFile.ReadSegmentAsync(new MemoryStream(file), 5, contentKey, CancellationToken.None));
    }

    [Fact]
    public async Task ReadSegmentAsync_ExactMultipleOfSegmentSize_LastSegmentIsFull()
    {
        var plaintext = RandomNumberGenerator.GetBytes(2 * Small);
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var file = await Licences.ProtectAsync(plaintext, contentKey, contentId, await Licences.PublishingLicenseAsync(contentId, contentKey), Small);

        var last = await ProtectedFile.ReadSegmentAsync(new MemoryStream(file), 1, contentKey, CancellationToken.None);

        Assert.Equal(plaintext.AsSpan(Small).ToArray(), last);
    }

    [Fact]
    public async Task EncryptAsync_SameInputsTwice_DifferentCiphertext()
    {
        // Arrange - a fresh random nonce prefix per file: re-protecting with the same key must not repeat keystream.
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);
        var plaintext = new byte[100];

        var a = await Licences.ProtectAsync(plaintext, contentKey, contentId, pl, Small);
        var b = await Licences.ProtectAsync(plaintext, contentKey, contentId, pl, Small);

        Assert.NotEqual(a[^116..], b[^116..]);
    }

    [Theory]
    [InlineData("../etc/passwd", "text/plain")]
    [InlineData("a\\b.txt", "text/plain")]
    [InlineData("a\nb.txt", "text/plain")]
    [InlineData("..", "text/plain")]
    [InlineData("", "text/plain")]
    [InlineData("a.txt", "")]
    [InlineData("a.txt", "text")]
    [InlineData("a.txt", "text/plain\r\nX: y")]
    public async Task EncryptAsync_BadMetadata_ThrowsArgumentException(string fileName, string contentType)
    {
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);

        await Assert.ThrowsAsync<ArgumentException>(() => ProtectedFile.EncryptAsync(
            new MemoryStream(), new MemoryStream(), pl, contentId, new ProtectedFileMetadata(fileName, contentType), contentKey, CancellationToken.None));
    }

    [Fact]
    public async Task EncryptAsync_FileNameWithLoneSurrogate_ThrowsArgumentException()
    {
        // Arrange - built in code: theory data would be re-encoded (and repaired) by the test runner.
        var fileName = "a" + (char)0xD800 + ".txt";
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);

        await Assert.ThrowsAsync<ArgumentException>(() => ProtectedFile.EncryptAsync(
            new MemoryStream(), new MemoryStream(), pl, contentId, new ProtectedFileMetadata(fileName, "text/plain"), contentKey, CancellationToken.None));
    }

    [Theory]
    [InlineData(63)]
    [InlineData(0)]
    [InlineData(ProtectedFile.MaxSegmentSize + 1)]
    public async Task EncryptAsync_SegmentSizeOutOfRange_ThrowsArgumentOutOfRange(int segmentSize)
    {
        var contentKey = Licences.NewContentKey();
        var contentId = Guid.NewGuid();
        var pl = await Licences.PublishingLicenseAsync(contentId, contentKey);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProtectedFile.EncryptAsync(
            new MemoryStream(), new MemoryStream(), pl, contentId, new ProtectedFileMetadata("a", "text/plain"), contentKey, CancellationToken.None, segmentSize));
    }

    [Fact]
    public async Task DecryptAsync_ContentKeyNot32Bytes_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ProtectedFile.DecryptAsync(new MemoryStream(), new MemoryStream(), new byte[16], CancellationToken.None));
    }

    internal static int HeaderLength(byte[] file) => 14 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(10)) + 32;
}
