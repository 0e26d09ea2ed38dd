using System.Security.Cryptography;
using System.Text.Json;
using Appliance.Crypto.Derivation;
using Appliance.Crypto.Wire;

namespace Appliance.Crypto.Licensing;

/// <summary>
/// The encrypted policy of a publishing licence: nonce (12) || AES-256-GCM ciphertext || tag (16), under
/// HKDF(content key, salt = content id, info "rms/v1/policy"), with AAD = content id || tenant id (16 bytes each,
/// RFC 9562 order) so that the blob cannot be moved to another document or tenant.
/// </summary>
internal static class PolicyCipher
{
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    internal static byte[] Encrypt(ReadOnlySpan<byte> contentKey, Guid contentId, Guid tenantId, ProtectionPolicy policy, ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The policy nonce is {NonceSize} bytes.", nameof(nonce));
        }

        var plaintext = WireJson.Serialize(policy);
        var result = new byte[NonceSize + plaintext.Length + TagSize];
        Span<byte> key = stackalloc byte[32];
        Span<byte> aad = stackalloc byte[32];
        try
        {
            ContentKeyDerivation.Derive(contentKey, contentId, ContentKeyDerivation.PolicyInfo, key);
            WriteAad(contentId, tenantId, aad);
            nonce.CopyTo(result);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, result.AsSpan(NonceSize, plaintext.Length), result.AsSpan(NonceSize + plaintext.Length), aad);
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <exception cref="LicenseException">PolicyDecryptionFailed when the blob does not authenticate; Malformed when it does but is not a valid policy.</exception>
    internal static ProtectionPolicy Decrypt(ReadOnlySpan<byte> contentKey, Guid contentId, Guid tenantId, ReadOnlySpan<byte> encrypted)
    {
        if (encrypted.Length < NonceSize + TagSize)
        {
            throw Failed();
        }

        var plaintext = new byte[encrypted.Length - NonceSize - TagSize];
        Span<byte> key = stackalloc byte[32];
        Span<byte> aad = stackalloc byte[32];
        try
        {
            ContentKeyDerivation.Derive(contentKey, contentId, ContentKeyDerivation.PolicyInfo, key);
            WriteAad(contentId, tenantId, aad);
            using (var aes = new AesGcm(key, TagSize))
            {
                try
                {
                    aes.Decrypt(encrypted[..NonceSize], encrypted[NonceSize..^TagSize], encrypted[^TagSize..], plaintext, aad);
                }
                catch (AuthenticationTagMismatchException)
                {
                    throw Failed();
                }
            }

            ProtectionPolicy policy;
            try
            {
                policy = WireJson.Deserialize<ProtectionPolicy>(plaintext);
            }
            catch (JsonException e)
            {
                throw new LicenseException(LicenseError.Malformed, "The decrypted policy does not match its schema.", e);
            }

            return PolicyRules.IsValid(policy)
                ? policy
                : throw new LicenseException(LicenseError.Malformed, "The decrypted policy is not well formed.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static void WriteAad(Guid contentId, Guid tenantId, Span<byte> aad)
    {
        ContentKeyDerivation.WriteGuid(contentId, aad[..16]);
        ContentKeyDerivation.WriteGuid(tenantId, aad[16..]);
    }

    // SECURITY: a wrong key and a tampered blob are indistinguishable and reported alike.
    private static LicenseException Failed() => new(LicenseError.PolicyDecryptionFailed, "The policy could not be decrypted.");
}
