using System.Security.Cryptography;

namespace Appliance.Crypto.Derivation;

/// <summary>
/// Every key used under a content key is HKDF-SHA256(ikm = content key, salt = content id in RFC 9562 byte
/// order, info = a purpose label), so that no two purposes share a key and no two documents share a derived key.
/// </summary>
internal static class ContentKeyDerivation
{
    internal const int ContentKeySize = 32;
    internal const int KeyCheckSize = 16;

    internal static ReadOnlySpan<byte> PolicyInfo => "rms/v1/policy"u8;

    internal static ReadOnlySpan<byte> HeaderInfo => "rms/v1/header"u8;

    internal static ReadOnlySpan<byte> KeyCheckInfo => "rms/v1/keycheck"u8;

    internal static ReadOnlySpan<byte> ContentInfo => "rms/v1/content"u8;

    /// <summary>Writes HKDF output of <paramref name="output"/>'s length.</summary>
    /// <exception cref="ArgumentException">The content key is not 32 bytes.</exception>
    internal static void Derive(ReadOnlySpan<byte> contentKey, Guid contentId, ReadOnlySpan<byte> info, Span<byte> output)
    {
        RequireContentKey(contentKey);
        Span<byte> salt = stackalloc byte[16];
        WriteGuid(contentId, salt);
        HKDF.DeriveKey(HashAlgorithmName.SHA256, contentKey, output, salt, info);
    }

    internal static void RequireContentKey(ReadOnlySpan<byte> contentKey)
    {
        if (contentKey.Length != ContentKeySize)
        {
            throw new ArgumentException($"A content key is {ContentKeySize} bytes (AES-256), not {contentKey.Length}.", nameof(contentKey));
        }
    }

    /// <summary>The 16 bytes of a GUID in RFC 9562 (network, "as written") order.</summary>
    internal static void WriteGuid(Guid id, Span<byte> destination)
    {
        if (!id.TryWriteBytes(destination, bigEndian: true, out _))
        {
            throw new ArgumentException("Destination too small for a GUID.", nameof(destination));
        }
    }
}
