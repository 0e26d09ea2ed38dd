namespace Appliance.Crypto.KeyWrap;

/// <summary>A private RSA key that unwraps (RSA-OAEP decrypts) keys where it lives, typically an HSM.</summary>
public interface IKeyUnwrapper
{
    string KeyId { get; }

    /// <summary>
    /// RSA-OAEP-decrypts <paramref name="wrapped"/>. An integrity failure should surface as a
    /// <see cref="System.Security.Cryptography.CryptographicException"/>; other exceptions (for example an
    /// unavailable device) are passed through unchanged by the callers in this library.
    /// </summary>
    ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrapped, KeyWrapAlgorithm algorithm, CancellationToken ct);
}
