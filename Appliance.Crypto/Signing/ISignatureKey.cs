namespace Appliance.Crypto.Signing;

/// <summary>
/// A private signing key that stays wherever it lives (an HSM, or memory for user keys and tests).
/// </summary>
public interface ISignatureKey
{
    /// <summary>The key identifier written to the JWS "kid" header.</summary>
    string KeyId { get; }

    SignatureAlgorithm Algorithm { get; }

    /// <summary>
    /// Signs <paramref name="data"/> (hashing with SHA-256 is part of the algorithm). ES256 returns raw
    /// r||s (64 bytes, what PKCS#11 CKM_ECDSA returns); RS256 returns a PKCS#1 v1.5 signature.
    /// </summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken ct);
}
