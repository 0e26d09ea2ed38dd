using System.Buffers;
using System.Security.Cryptography;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.Licensing;

namespace Appliance.Crypto.Container;

/// <summary>
/// The protected-file container (docs/format.md): a header holding the publishing licence and metadata, MAC'd under
/// the content key, then the content in AES-256-GCM segments that stream in constant memory.
/// Streams are neither disposed nor required to seek (except by <see cref="ReadSegmentAsync"/>).
/// </summary>
public static class ProtectedFile
{
    public const int DefaultSegmentSize = 256 * 1024;
    public const int MaxSegmentSize = 16 * 1024 * 1024;
    public const int MaxHeaderLength = 4 * 1024 * 1024;

    /// <summary>Encrypts <paramref name="plaintext"/> (read to its end) into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A bad argument: unreadable/unwritable stream, content key not 32 bytes, publishing licence not a JWS, a file name
    /// with a directory or control characters, a content type that is not a media type, a segment size outside
    /// 64 B..16 MiB, or more than 2^32 segments of content.
    /// </exception>
    public static Task EncryptAsync(
        Stream plaintext,
        Stream output,
        string publishingLicense,
        Guid contentId,
        ProtectedFileMetadata metadata,
        ReadOnlyMemory<byte> contentKey,
        CancellationToken ct,
        int segmentSize = DefaultSegmentSize)
    {
        var noncePrefix = new byte[ContainerFormat.NoncePrefixLength];
        RandomNumberGenerator.Fill(noncePrefix);
        return EncryptAsync(plaintext, output, publishingLicense, contentId, metadata, contentKey, segmentSize, noncePrefix, ct);
    }

    /// <summary>Core with the nonce prefix chosen by the caller (test vectors). A prefix must never be reused with a content key.</summary>
    internal static async Task EncryptAsync(
        Stream plaintext,
        Stream output,
        string publishingLicense,
        Guid contentId,
        ProtectedFileMetadata metadata,
        ReadOnlyMemory<byte> contentKey,
        int segmentSize,
        byte[] noncePrefix,
        CancellationToken ct)
    {
        RequireStreams(plaintext, output);
        ArgumentNullException.ThrowIfNull(metadata);
        ContentKeyDerivation.RequireContentKey(contentKey.Span);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, ContainerFormat.MinSegmentSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentSize, MaxSegmentSize);
        if (publishingLicense is null || !PublishingLicense.IsCompactJws(publishingLicense))
        {
            throw new ArgumentException("The publishing licence is not a JWS compact serialisation.", nameof(publishingLicense));
        }

        if (contentId == Guid.Empty)
        {
            throw new ArgumentException("The content id cannot be empty.", nameof(contentId));
        }

        if (!ContainerFormat.IsValidFileName(metadata.FileName))
        {
            throw new ArgumentException("The file name must be a bare name (no directory, no control characters, at most 255 characters).", nameof(metadata));
        }

        if (!ContainerFormat.IsValidContentType(metadata.ContentType))
        {
            throw new ArgumentException("The content type must be a printable ASCII media type such as \"text/plain\".", nameof(metadata));
        }

        if (noncePrefix.Length != ContainerFormat.NoncePrefixLength)
        {
            throw new ArgumentException("The nonce prefix is 7 bytes.", nameof(noncePrefix));
        }

        var json = new HeaderJson(
            publishingLicense,
            contentId,
            metadata.FileName,
            metadata.ContentType,
            segmentSize,
            noncePrefix,
            ContainerHeaderCodec.KeyCheck(contentKey.Span, contentId));
        var header = new ContainerHeader(json, ContainerHeaderCodec.Build(json, contentKey.Span));
        await output.WriteAsync(header.Bytes, ct).ConfigureAwait(false);

        // Read one byte ahead (segmentSize + 1) so that a full segment is known to be the last one when nothing follows.
        var input = ArrayPool<byte>.Shared.Rent(segmentSize + 1);
        var sealedSegment = ArrayPool<byte>.Shared.Rent(segmentSize + ContainerFormat.TagLength);
        try
        {
            using var cipher = new SegmentCipher(contentKey.Span, header);
            var carried = 0;
            for (uint index = 0; ; index++)
            {
                var filled = carried + await StreamReads.ReadFullAsync(plaintext, input.AsMemory(carried, segmentSize + 1 - carried), ct).ConfigureAwait(false);
                var last = filled <= segmentSize;
                if (!last && index == uint.MaxValue)
                {
                    throw new ArgumentException("The content needs more than 2^32 segments; choose a larger segment size.", nameof(segmentSize));
                }

                var length = cipher.Encrypt(index, last, input.AsSpan(0, last ? filled : segmentSize), sealedSegment);
                await output.WriteAsync(sealedSegment.AsMemory(0, length), ct).ConfigureAwait(false);
                if (last)
                {
                    break;
                }

                input[0] = input[segmentSize];
                carried = 1;
            }

            await output.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input, clearArray: true);
            ArrayPool<byte>.Shared.Return(sealedSegment);
        }
    }

    /// <summary>Reads the header only (through its MAC, which it cannot check without the key), leaving the stream at the first segment.</summary>
    /// <exception cref="ProtectedFileException">NotAProtectedFile, UnsupportedVersion, HeaderTooLarge, MalformedHeader or Truncated.</exception>
    public static async Task<ProtectedFileHeader> ReadHeaderAsync(Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await ContainerHeaderCodec.ReadAsync(input, ct).ConfigureAwait(false)).ToPublic();
    }

    /// <summary>
    /// Decrypts from the start of the file, in constant memory. Nothing is written before the key check and the header
    /// MAC pass; after that each segment is written once it has authenticated. On an exception the output therefore
    /// holds an authenticated prefix of the content, which the caller should discard.
    /// </summary>
    /// <exception cref="ArgumentException">An unreadable/unwritable stream, or a content key that is not 32 bytes.</exception>
    /// <exception cref="ProtectedFileException">Any <see cref="ProtectedFileError"/>.</exception>
    public static async Task DecryptAsync(Stream input, Stream output, ReadOnlyMemory<byte> contentKey, CancellationToken ct)
    {
        RequireStreams(input, output);
        ContentKeyDerivation.RequireContentKey(contentKey.Span);
        var header = await ContainerHeaderCodec.ReadAsync(input, ct).ConfigureAwait(false);
        ContainerHeaderCodec.Authenticate(header, contentKey.Span);

        var segmentSize = header.Json.SegmentSize;
        var sealedLength = segmentSize + ContainerFormat.TagLength;

        // One sealed segment plus one byte of look-ahead: a segment is the last exactly when nothing follows it.
        var sealedBuffer = ArrayPool<byte>.Shared.Rent(sealedLength + 1);
        var plaintext = ArrayPool<byte>.Shared.Rent(segmentSize);
        try
        {
            using var cipher = new SegmentCipher(contentKey.Span, header);
            var carried = 0;
            for (uint index = 0; ; index++)
            {
                var filled = carried + await StreamReads.ReadFullAsync(input, sealedBuffer.AsMemory(carried, sealedLength + 1 - carried), ct).ConfigureAwait(false);
                var last = filled <= sealedLength;
                var length = cipher.Decrypt(index, last, sealedBuffer.AsSpan(0, last ? filled : sealedLength), plaintext);
                if (!last && index == uint.MaxValue)
                {
                    // A writer never makes a non-last segment with the highest index; what follows it cannot be content.
                    throw new ProtectedFileException(ProtectedFileError.TrailingData, "Data follows the highest possible segment index.", index);
                }

                await output.WriteAsync(plaintext.AsMemory(0, length), ct).ConfigureAwait(false);
                if (last)
                {
                    break;
                }

                sealedBuffer[0] = sealedBuffer[sealedLength];
                carried = 1;
            }

            await output.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBuffer);
            ArrayPool<byte>.Shared.Return(plaintext, clearArray: true);
        }
    }

    /// <summary>
    /// Decrypts segment <paramref name="segmentIndex"/> alone (random access for viewers), after checking the key and the
    /// header MAC. The container must start at offset 0 of <paramref name="seekableInput"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A stream that cannot seek, or a content key that is not 32 bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or beyond the file's last segment.</exception>
    /// <exception cref="ProtectedFileException">Any <see cref="ProtectedFileError"/>.</exception>
    public static async Task<byte[]> ReadSegmentAsync(Stream seekableInput, long segmentIndex, ReadOnlyMemory<byte> contentKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seekableInput);
        if (!seekableInput.CanSeek || !seekableInput.CanRead)
        {
            throw new ArgumentException("Reading one segment needs a readable, seekable stream.", nameof(seekableInput));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(segmentIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(segmentIndex, uint.MaxValue);
        ContentKeyDerivation.RequireContentKey(contentKey.Span);

        seekableInput.Position = 0;
        var header = await ContainerHeaderCodec.ReadAsync(seekableInput, ct).ConfigureAwait(false);
        ContainerHeaderCodec.Authenticate(header, contentKey.Span);

        long sealedLength = header.Json.SegmentSize + ContainerFormat.TagLength;
        var dataLength = seekableInput.Length - seekableInput.Position;
        if (dataLength <= 0)
        {
            throw new ProtectedFileException(ProtectedFileError.Truncated, "The file has no segments.", 0);
        }

        var segmentCount = (dataLength + sealedLength - 1) / sealedLength;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(segmentIndex, segmentCount);

        var offset = segmentIndex * sealedLength;
        var length = (int)Math.Min(sealedLength, dataLength - offset);
        seekableInput.Position += offset;
        var sealedSegment = new byte[length];
        if (await StreamReads.ReadFullAsync(seekableInput, sealedSegment, ct).ConfigureAwait(false) != length)
        {
            throw new ProtectedFileException(ProtectedFileError.Truncated, $"The file ends inside segment {segmentIndex}.", segmentIndex);
        }

        using var cipher = new SegmentCipher(contentKey.Span, header);
        var plaintext = new byte[Math.Max(0, length - ContainerFormat.TagLength)];
        var written = cipher.Decrypt((uint)segmentIndex, segmentIndex == segmentCount - 1, sealedSegment, plaintext);
        return written == plaintext.Length ? plaintext : plaintext[..written];
    }

    private static void RequireStreams(Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (!input.CanRead)
        {
            throw new ArgumentException("The input stream cannot be read.", nameof(input));
        }

        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream cannot be written.", nameof(output));
        }
    }
}
