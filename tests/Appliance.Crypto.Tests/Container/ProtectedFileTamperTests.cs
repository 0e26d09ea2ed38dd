using System.Buffers.Binary;
using System.Text;
using Appliance.Crypto.Container;
using Appliance.Crypto.Tests.Support;

namespace Appliance.Crypto.Tests.Container;

/// <summary>Every way of damaging a file must end in one specific <see cref="ProtectedFileError"/>, never in wrong plaintext.</summary>
public class ProtectedFileTamperTests
{
    private const int SegmentSize = 64;
    private const int SealedSize = SegmentSize + 16;

    [Fact]
    public async Task DecryptAsync_EveryByteFlipped_FailsWithTheErrorOfItsRegion()
    {
        // Arrange - a ~300 byte file in 64-byte segments: 4 full segments and a partial last one.
        var sample = await Sample.CreateAsync(300);
        var headerLength = sample.HeaderLength;
        var jsonEnd = headerLength - 32;

        foreach (var mask in new byte[] { 0x01, 0x80 })
        {
            for (var position = 0; position < sample.File.Length; position++)
            {
                var damaged = sample.File.ToArray();
                damaged[position] ^= mask;

                var (error, output) = await DecryptExpectingFailureAsync(damaged, sample.ContentKey);

                string where = $"byte {position} ^ 0x{mask:x2}";
                if (position < 8)
                {
                    Assert.True(error.Error == ProtectedFileError.NotAProtectedFile, where);
                }
                else if (position < 10)
                {
                    Assert.True(error.Error == ProtectedFileError.UnsupportedVersion, where);
                }
                else if (position < 14)
                {
                    var claimed = BinaryPrimitives.ReadUInt32BigEndian(damaged.AsSpan(10));
                    var expected = claimed > ProtectedFile.MaxHeaderLength ? ProtectedFileError.HeaderTooLarge
                        : 14 + claimed + 32 > damaged.Length ? ProtectedFileError.Truncated
                        : ProtectedFileError.MalformedHeader;
                    Assert.True(expected == error.Error, $"{where}: {error.Error}, expected {expected}");
                }
                else if (position < jsonEnd)
                {
                    // Inside the JSON: either it no longer parses, or it parses and the key check or MAC catches the change.
                    Assert.True(
                        error.Error is ProtectedFileError.MalformedHeader or ProtectedFileError.HeaderAuthenticationFailed or ProtectedFileError.WrongContentKey,
                        $"{where}: {error.Error}");
                }
                else if (position < headerLength)
                {
                    Assert.True(error.Error == ProtectedFileError.HeaderAuthenticationFailed, where);
                }
                else
                {
                    var segment = (position - headerLength) / SealedSize;
                    Assert.True(error.Error == ProtectedFileError.SegmentAuthenticationFailed, $"{where}: {error.Error}");
                    Assert.Equal(segment, error.SegmentIndex);
                    Assert.Equal(sample.Plaintext.AsSpan(0, segment * SegmentSize).ToArray(), output);
                    continue;
                }

                Assert.True(output.Length == 0, $"{where}: plaintext was written before the header was authenticated.");
            }
        }
    }

    [Fact]
    public async Task DecryptAsync_JsonFlipsThatStillParse_AreCaughtByKeyCheckOrMac()
    {
        // Arrange - change letters of the file name and the licence: valid JSON, valid fields, only the MAC can tell.
        var sample = await Sample.CreateAsync(10);
        var json = Encoding.UTF8.GetString(sample.File, 14, sample.HeaderLength - 46);
        var nameAt = 14 + json.IndexOf("report.txt", StringComparison.Ordinal);
        var licenceAt = 14 + json.IndexOf("eyJ", StringComparison.Ordinal) + 20;

        foreach (var position in new[] { nameAt, licenceAt })
        {
            var damaged = sample.File.ToArray();
            damaged[position] ^= 0x01;

            var (error, _) = await DecryptExpectingFailureAsync(damaged, sample.ContentKey);

            Assert.Equal(ProtectedFileError.HeaderAuthenticationFailed, error.Error);
        }
    }

    [Fact]
    public async Task DecryptAsync_EveryTruncation_FailsTruncatedOrAtTheCutSegment()
    {
        var sample = await Sample.CreateAsync(300);

        for (var length = 0; length < sample.File.Length; length++)
        {
            var (error, output) = await DecryptExpectingFailureAsync(sample.File[..length], sample.ContentKey);

            // Cuts inside the header, at a segment boundary, or inside a tag-sized tail are truncation. A cut inside
            // a segment leaves a shorter segment that cannot authenticate, and GCM cannot tell that from damage.
            var intoSegments = length - sample.HeaderLength;
            var expected = intoSegments < 0 || intoSegments % SealedSize is 0 or < 16
                ? ProtectedFileError.Truncated
                : ProtectedFileError.SegmentAuthenticationFailed;
            Assert.True(expected == error.Error, $"length {length}: {error.Error}, expected {expected}");

            // Output: the segments that authenticated before the failure. A cut at a boundary fails on the
            // segment before it (which authenticates only as non-last), so that one is withheld.
            var whole = Math.Max(intoSegments, 0) / SealedSize;
            var released = intoSegments > 0 && intoSegments % SealedSize == 0 ? whole - 1 : whole;
            Assert.Equal(sample.Plaintext.AsSpan(0, released * SegmentSize).ToArray(), output);
        }
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 3, 1)]
    [InlineData(2, 4, 2)]
    public async Task DecryptAsync_SegmentsSwapped_FailsAtFirstMovedSegment(int a, int b, long expectedIndex)
    {
        var sample = await Sample.CreateAsync(300);
        var segments = sample.Segments();
        (segments[a], segments[b]) = (segments[b], segments[a]);

        var (error, output) = await DecryptExpectingFailureAsync(sample.With(segments), sample.ContentKey);

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, error.Error);
        Assert.Equal(expectedIndex, error.SegmentIndex);
        Assert.Equal(expectedIndex * SegmentSize, output.Length);
    }

    [Fact]
    public async Task DecryptAsync_SegmentDropped_FailsAtThatIndex()
    {
        var sample = await Sample.CreateAsync(300);
        var segments = sample.Segments();
        segments.RemoveAt(2);

        var (error, _) = await DecryptExpectingFailureAsync(sample.With(segments), sample.ContentKey);

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, error.Error);
        Assert.Equal(2, error.SegmentIndex);
    }

    [Fact]
    public async Task DecryptAsync_SegmentDuplicated_FailsAtTheCopy()
    {
        var sample = await Sample.CreateAsync(300);
        var segments = sample.Segments();
        segments.Insert(2, segments[1]);

        var (error, _) = await DecryptExpectingFailureAsync(sample.With(segments), sample.ContentKey);

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, error.Error);
        Assert.Equal(2, error.SegmentIndex);
    }

    [Fact]
    public async Task DecryptAsync_LastSegmentRemovedAtBoundary_FailsTruncated()
    {
        // Arrange - the classic attack on naive streaming encryption: drop the tail, keep every remaining tag valid.
        var sample = await Sample.CreateAsync(4 * SegmentSize);
        var segments = sample.Segments();
        segments.RemoveAt(3);

        var (error, output) = await DecryptExpectingFailureAsync(sample.With(segments), sample.ContentKey);

        Assert.Equal(ProtectedFileError.Truncated, error.Error);
        Assert.Equal(2, error.SegmentIndex);
        Assert.Equal(sample.Plaintext.AsSpan(0, 2 * SegmentSize).ToArray(), output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(SealedSize)]
    [InlineData(SealedSize + 5)]
    public async Task DecryptAsync_BytesAfterFullLastSegment_FailsTrailingData(int extra)
    {
        // Arrange - plaintext an exact multiple of the segment size, so the last segment is full.
        var sample = await Sample.CreateAsync(2 * SegmentSize);
        byte[] damaged = [.. sample.File, .. new byte[extra]];

        var (error, output) = await DecryptExpectingFailureAsync(damaged, sample.ContentKey);

        Assert.Equal(ProtectedFileError.TrailingData, error.Error);
        Assert.Equal(1, error.SegmentIndex);
        Assert.Equal(sample.Plaintext.AsSpan(0, SegmentSize).ToArray(), output);
    }

    [Fact]
    public async Task DecryptAsync_BytesAfterPartialLastSegment_FailsSegmentAuthentication()
    {
        var sample = await Sample.CreateAsync(100);
        byte[] damaged = [.. sample.File, 0];

        var (error, _) = await DecryptExpectingFailureAsync(damaged, sample.ContentKey);

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, error.Error);
        Assert.Equal(1, error.SegmentIndex);
    }

    [Fact]
    public async Task DecryptAsync_WrongKey_FailsWrongContentKeyWithoutOutput()
    {
        var sample = await Sample.CreateAsync(300);

        var (error, output) = await DecryptExpectingFailureAsync(sample.File, Licences.NewContentKey());

        Assert.Equal(ProtectedFileError.WrongContentKey, error.Error);
        Assert.Empty(output);
    }

    [Fact]
    public async Task DecryptAsync_PublishingLicenceSwappedFromAnotherFile_FailsHeaderCheck()
    {
        // Arrange - file A's header carrying file B's licence: with A's key the MAC fails; with B's key (what a
        // licence for B yields) the key check fails. Either way nothing of A is revealed under B's policy.
        var a = await Sample.CreateAsync(300);
        var b = await Sample.CreateAsync(50);
        var swapped = a.WithHeaderJson(a.HeaderJson.Replace(a.PublishingLicense, b.PublishingLicense, StringComparison.Ordinal));
        var swappedWithId = a.WithHeaderJson(a.HeaderJson
            .Replace(a.PublishingLicense, b.PublishingLicense, StringComparison.Ordinal)
            .Replace(a.ContentId.ToString(), b.ContentId.ToString(), StringComparison.Ordinal));

        Assert.Equal(ProtectedFileError.HeaderAuthenticationFailed, (await DecryptExpectingFailureAsync(swapped, a.ContentKey)).Error.Error);
        Assert.Equal(ProtectedFileError.WrongContentKey, (await DecryptExpectingFailureAsync(swapped, b.ContentKey)).Error.Error);
        Assert.Equal(ProtectedFileError.WrongContentKey, (await DecryptExpectingFailureAsync(swappedWithId, b.ContentKey)).Error.Error);
        Assert.Equal(ProtectedFileError.WrongContentKey, (await DecryptExpectingFailureAsync(swappedWithId, a.ContentKey)).Error.Error);
    }

    [Fact]
    public async Task DecryptAsync_HeaderOfOtherFileWithSameKey_FailsSegmentAuthentication()
    {
        // Arrange - two files under one key: A's header on B's segments. The AAD (hash of the header) ties segments to their header.
        var a = await Sample.CreateAsync(300);
        var b = await a.ReprotectAsync(a.Plaintext);
        byte[] mixed = [.. a.File[..a.HeaderLength], .. b.File[b.HeaderLength..]];

        var (error, _) = await DecryptExpectingFailureAsync(mixed, a.ContentKey);

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, error.Error);
        Assert.Equal(0, error.SegmentIndex);
    }

    [Theory]
    [InlineData(new byte[0], ProtectedFileError.Truncated)]
    [InlineData(new byte[] { 0x89, 0x52, 0x4D }, ProtectedFileError.Truncated)]
    [InlineData(new byte[] { 0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, ProtectedFileError.Truncated)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, ProtectedFileError.NotAProtectedFile)]
    [InlineData(new byte[] { 0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x02, 0, 0, 0, 2 }, ProtectedFileError.UnsupportedVersion)]
    [InlineData(new byte[] { 0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0x00, 0x40, 0x00, 0x01 }, ProtectedFileError.HeaderTooLarge)]
    [InlineData(new byte[] { 0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0x00, 0x40, 0x00, 0x00 }, ProtectedFileError.Truncated)]
    public async Task ReadHeaderAsync_DamagedPreamble_FailsWithSpecificError(byte[] file, ProtectedFileError expected)
    {
        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadHeaderAsync(new MemoryStream(file), CancellationToken.None));

        Assert.Equal(expected, e.Error);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task ReadHeaderAsync_JsonNotAHeader_FailsMalformedHeader(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        byte[] file = [0x89, 0x52, 0x4D, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01, 0, 0, 0, (byte)bytes.Length, .. bytes, .. new byte[32]];

        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadHeaderAsync(new MemoryStream(file), CancellationToken.None));

        Assert.Equal(ProtectedFileError.MalformedHeader, e.Error);
    }

    [Fact]
    public async Task ReadHeaderAsync_FileNameWithDirectory_FailsMalformedHeader()
    {
        // Arrange - the name is unauthenticated when read without the key; a path in it must never reach a caller.
        var sample = await Sample.CreateAsync(10);
        var damaged = sample.WithHeaderJson(sample.HeaderJson.Replace("\"report.txt\"", "\"../../report.txt\"", StringComparison.Ordinal));

        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadHeaderAsync(new MemoryStream(damaged), CancellationToken.None));

        Assert.Equal(ProtectedFileError.MalformedHeader, e.Error);
    }

    [Fact]
    public async Task ReadSegmentAsync_FlippedSegment_FailsWithItsIndex()
    {
        var sample = await Sample.CreateAsync(300);
        var damaged = sample.File.ToArray();
        damaged[sample.HeaderLength + (2 * SealedSize) + 5] ^= 1;

        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadSegmentAsync(new MemoryStream(damaged), 2, sample.ContentKey, CancellationToken.None));

        Assert.Equal(ProtectedFileError.SegmentAuthenticationFailed, e.Error);
        Assert.Equal(2, e.SegmentIndex);
        Assert.Equal(sample.Plaintext.AsSpan(SegmentSize, SegmentSize).ToArray(), await ProtectedFile.ReadSegmentAsync(new MemoryStream(damaged), 1, sample.ContentKey, CancellationToken.None));
    }

    [Fact]
    public async Task ReadSegmentAsync_TruncatedAtBoundary_LastRemainingFailsTruncated()
    {
        var sample = await Sample.CreateAsync(300);
        var cut = sample.File[..(sample.HeaderLength + (3 * SealedSize))];

        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadSegmentAsync(new MemoryStream(cut), 2, sample.ContentKey, CancellationToken.None));

        Assert.Equal(ProtectedFileError.Truncated, e.Error);
    }

    [Fact]
    public async Task ReadSegmentAsync_WrongKey_FailsWrongContentKey()
    {
        var sample = await Sample.CreateAsync(300);

        var e = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.ReadSegmentAsync(new MemoryStream(sample.File), 0, Licences.NewContentKey(), CancellationToken.None));

        Assert.Equal(ProtectedFileError.WrongContentKey, e.Error);
    }

    private static async Task<(ProtectedFileException Error, byte[] Output)> DecryptExpectingFailureAsync(byte[] file, byte[] key)
    {
        using var output = new MemoryStream();
        var error = await Assert.ThrowsAsync<ProtectedFileException>(() => ProtectedFile.DecryptAsync(new MemoryStream(file), output, key, CancellationToken.None));
        return (error, output.ToArray());
    }

    private sealed record Sample(byte[] File, byte[] Plaintext, byte[] ContentKey, Guid ContentId, string PublishingLicense)
    {
        internal int HeaderLength => ProtectedFileRoundTripTests.HeaderLength(File);

        internal string HeaderJson => Encoding.UTF8.GetString(File, 14, HeaderLength - 46);

        internal static async Task<Sample> CreateAsync(int length)
        {
            var plaintext = new byte[length];
            new Random(length).NextBytes(plaintext);
            var key = Licences.NewContentKey();
            var id = Guid.NewGuid();
            var pl = await Licences.PublishingLicenseAsync(id, key);
            return new Sample(await Licences.ProtectAsync(plaintext, key, id, pl, SegmentSize), plaintext, key, id, pl);
        }

        internal async Task<Sample> ReprotectAsync(byte[] plaintext) =>
            this with { File = await Licences.ProtectAsync(plaintext, ContentKey, ContentId, PublishingLicense, SegmentSize), Plaintext = plaintext };

        internal List<byte[]> Segments() => File[HeaderLength..].Chunk(SealedSize).ToList();

        internal byte[] With(List<byte[]> segments) => [.. File[..HeaderLength], .. segments.SelectMany(s => s)];

        /// <summary>The file with its header JSON replaced (length fixed up, MAC kept as it was).</summary>
        internal byte[] WithHeaderJson(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var preamble = File[..14];
            BinaryPrimitives.WriteUInt32BigEndian(preamble.AsSpan(10), (uint)bytes.Length);
            return [.. preamble, .. bytes, .. File[(HeaderLength - 32)..]];
        }
    }
}
