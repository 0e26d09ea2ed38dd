using System.Buffers.Binary;
using System.Security.Cryptography;
using Appliance.Crypto.Derivation;

namespace Appliance.Crypto.Container;

/// <summary>
/// AES-256-GCM over the segments of one file: one AesGcm and one nonce buffer per file, nothing allocated per segment.
/// Nonce = noncePrefix (7) || segment index (u32 BE) || last flag (1 on the last segment); AAD = SHA-256(header bytes).
/// </summary>
internal sealed class SegmentCipher : IDisposable
{
    private readonly AesGcm _aes;
    private readonly byte[] _nonce = new byte[ContainerFormat.NonceLength];
    private readonly byte[] _aad;
    private readonly int _segmentSize;

    internal SegmentCipher(ReadOnlySpan<byte> contentKey, ContainerHeader header)
    {
        Span<byte> key = stackalloc byte[32];
        try
        {
            ContentKeyDerivation.Derive(contentKey, header.Json.ContentId, ContentKeyDerivation.ContentInfo, key);
            _aes = new AesGcm(key, ContainerFormat.TagLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        header.Json.NoncePrefix.CopyTo(_nonce, 0);
        _aad = SHA256.HashData(header.Bytes);
        _segmentSize = header.Json.SegmentSize;
    }

    /// <summary>Writes ciphertext || tag (plaintext length + 16 bytes) to <paramref name="sealedSegment"/>.</summary>
    internal int Encrypt(uint index, bool last, ReadOnlySpan<byte> plaintext, Span<byte> sealedSegment)
    {
        SetNonce(index, last);
        _aes.Encrypt(_nonce, plaintext, sealedSegment[..plaintext.Length], sealedSegment.Slice(plaintext.Length, ContainerFormat.TagLength), _aad);
        return plaintext.Length + ContainerFormat.TagLength;
    }

    /// <summary>
    /// Decrypts one sealed segment into <paramref name="plaintext"/> and returns the plaintext length.
    /// <paramref name="lastByPosition"/> says whether the stream ends after this segment. When the segment fails,
    /// trying the other flag tells truncation (a non-last segment at the end) and trailing data (bytes after the
    /// last segment) apart from tampering; no plaintext of a failed segment is kept.
    /// </summary>
    /// <exception cref="ProtectedFileException">Truncated, TrailingData or SegmentAuthenticationFailed.</exception>
    internal int Decrypt(uint index, bool lastByPosition, ReadOnlySpan<byte> sealedSegment, Span<byte> plaintext)
    {
        if (sealedSegment.Length < ContainerFormat.TagLength)
        {
            throw new ProtectedFileException(ProtectedFileError.Truncated, $"The file ends inside segment {index}.", index);
        }

        var ciphertext = sealedSegment[..^ContainerFormat.TagLength];
        var tag = sealedSegment[^ContainerFormat.TagLength..];
        var output = plaintext[..ciphertext.Length];
        if (TryDecrypt(index, lastByPosition, ciphertext, tag, output))
        {
            return ciphertext.Length;
        }

        // Only full segments can be non-last, so only they are worth a second try.
        if (ciphertext.Length == _segmentSize && TryDecrypt(index, !lastByPosition, ciphertext, tag, output))
        {
            CryptographicOperations.ZeroMemory(output);
            throw lastByPosition
                ? new ProtectedFileException(ProtectedFileError.Truncated, $"The file ends after segment {index}, which is not the last.", index)
                : new ProtectedFileException(ProtectedFileError.TrailingData, $"Data follows the last segment ({index}).", index);
        }

        throw new ProtectedFileException(ProtectedFileError.SegmentAuthenticationFailed, $"Segment {index} has been altered or moved.", index);
    }

    public void Dispose() => _aes.Dispose();

    private bool TryDecrypt(uint index, bool last, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        SetNonce(index, last);
        try
        {
            _aes.Decrypt(_nonce, ciphertext, tag, plaintext, _aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private void SetNonce(uint index, bool last)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_nonce.AsSpan(ContainerFormat.NoncePrefixLength), index);
        _nonce[^1] = last ? (byte)1 : (byte)0;
    }
}
