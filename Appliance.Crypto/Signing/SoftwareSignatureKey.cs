using System.Security.Cryptography;

namespace Appliance.Crypto.Signing;

/// <summary>
/// An <see cref="ISignatureKey"/> over an in-memory key: ES256 over an ECDSA P-256 key, RS256 over an
/// RSA key of at least 2048 bits. For client user keys and tests; tenant keys live in the HSM.
/// The instance takes ownership of the key and disposes it.
/// </summary>
public sealed class SoftwareSignatureKey : ISignatureKey, IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private bool _disposed;

    /// <summary>An ES256 key. <paramref name="key"/> must be on the P-256 curve.</summary>
    public SoftwareSignatureKey(string keyId, ECDsa key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (!KeyChecks.IsP256(key))
        {
            throw new ArgumentException("ES256 needs an ECDSA key on the P-256 curve.", nameof(key));
        }

        KeyId = keyId;
        Algorithm = SignatureAlgorithm.Es256;
        _ecdsa = key;
    }

    /// <summary>An RS256 key of at least 2048 bits.</summary>
    public SoftwareSignatureKey(string keyId, RSA key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize < KeyChecks.MinRsaKeySize)
        {
            throw new ArgumentException($"RS256 needs an RSA key of at least {KeyChecks.MinRsaKeySize} bits.", nameof(key));
        }

        KeyId = keyId;
        Algorithm = SignatureAlgorithm.Rs256;
        _rsa = key;
    }

    public string KeyId { get; }

    public SignatureAlgorithm Algorithm { get; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var signature = _ecdsa is not null
            ? _ecdsa.SignData(data.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : _rsa!.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return ValueTask.FromResult(signature);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ecdsa?.Dispose();
        _rsa?.Dispose();
    }
}
