using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Licensing;
using Appliance.Crypto.Signing;

namespace Appliance.Client.Tests.Support;

/// <summary>One tenant key version held in memory: RSA-2048 encryption and ECDSA P-256 signing.</summary>
internal sealed class FakeTenantKey : IDisposable
{
    private FakeTenantKey(string keyId, RSA encryption, SoftwareSignatureKey signer, byte[] signingSpki, string certificate)
    {
        KeyId = keyId;
        Encryption = encryption;
        Signer = signer;
        SigningPublicKey = signingSpki;
        Certificate = certificate;
    }

    public string KeyId { get; }

    public RSA Encryption { get; }

    public SoftwareSignatureKey Signer { get; }

    public byte[] SigningPublicKey { get; }

    /// <summary>The self-signed tenant certificate (JWS).</summary>
    public string Certificate { get; }

    public IKeyUnwrapper Unwrapper => new SoftwareUnwrapper(KeyId, Encryption);

    public static async Task<FakeTenantKey> CreateAsync(Guid tenantId, string tenantName, string keyId, int version, RSA encryption)
    {
        var signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signingSpki = signing.ExportSubjectPublicKeyInfo();
        var signer = new SoftwareSignatureKey(keyId, signing);
        var content = new TenantCertificateContent(
            1, tenantId, tenantName, "emea", keyId, version,
            encryption.ExportSubjectPublicKeyInfo(), "RSA-2048", KeyWrapAlgorithm.RsaOaepSha256,
            signingSpki, SignatureAlgorithm.Es256, DateTimeOffset.UtcNow);
        var certificate = await TenantCertificate.IssueAsync(content, signer, CancellationToken.None);
        return new FakeTenantKey(keyId, encryption, signer, signingSpki, certificate);
    }

    public void Dispose()
    {
        Encryption.Dispose();
        Signer.Dispose();
    }
}
