using System.Security.Cryptography;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.KeyWrap;

/// <summary>RSA-OAEP wrapping of short secret keys (content keys, key-encryption keys).</summary>
public static class RsaKeyWrap
{
    /// <summary>Wraps <paramref name="key"/> under an RSA public key given as SubjectPublicKeyInfo DER.</summary>
    /// <exception cref="ArgumentException">The public key is not an RSA key of at least 2048 bits, or the key is empty.</exception>
    public static byte[] Wrap(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> key, KeyWrapAlgorithm alg)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("The key to wrap is empty.", nameof(key));
        }

        var padding = Padding(alg);
        using var rsa = KeyChecks.TryImportRsaPublicKey(subjectPublicKeyInfo)
            ?? throw new ArgumentException(
                $"The wrapping key is not an RSA SubjectPublicKeyInfo of at least {KeyChecks.MinRsaKeySize} bits.",
                nameof(subjectPublicKeyInfo));
        return rsa.Encrypt(key, padding);
    }

    /// <summary>Unwraps with an in-memory private key (user keys on the client).</summary>
    /// <exception cref="CryptographicException">The wrapped bytes do not decrypt under this key and padding.</exception>
    public static byte[] Unwrap(RSA privateKey, ReadOnlySpan<byte> wrapped, KeyWrapAlgorithm alg)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return privateKey.Decrypt(wrapped, Padding(alg));
    }

    internal static RSAEncryptionPadding Padding(KeyWrapAlgorithm alg) => alg switch
    {
        KeyWrapAlgorithm.RsaOaepSha1 => RSAEncryptionPadding.OaepSHA1,
        KeyWrapAlgorithm.RsaOaepSha256 => RSAEncryptionPadding.OaepSHA256,
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "Unknown key wrap algorithm."),
    };
}
