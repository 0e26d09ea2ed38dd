using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Crypto.Tests.Support;

/// <summary>One set of keys per test run (RSA generation is slow); each accessor hands out a fresh object over them.</summary>
internal static class TestKeys
{
    internal const string TenantEncryptionKeyId = "tenant-enc-1";
    internal const string TenantSigningKeyId = "tenant-sig-1";
    internal const string UserKeyId = "user-1";

    private static readonly Lazy<byte[]> TenantEncryptionPkcs8 = new(() => NewRsa(2048));
    private static readonly Lazy<byte[]> OtherRsaPkcs8 = new(() => NewRsa(2048));
    private static readonly Lazy<byte[]> UserPkcs8 = new(() => NewRsa(2048));
    private static readonly Lazy<byte[]> TenantSigningEs256Pkcs8 = new(() => NewEc());
    private static readonly Lazy<byte[]> OtherEs256Pkcs8 = new(() => NewEc());

    internal static RSA TenantEncryption() => Rsa(TenantEncryptionPkcs8.Value);

    internal static byte[] TenantEncryptionSpki() => RsaSpki(TenantEncryptionPkcs8.Value);

    internal static IKeyUnwrapper TenantUnwrapper() => new SoftwareKeyUnwrapper(TenantEncryptionKeyId, TenantEncryption());

    internal static RSA OtherRsa() => Rsa(OtherRsaPkcs8.Value);

    internal static byte[] OtherRsaSpki() => RsaSpki(OtherRsaPkcs8.Value);

    internal static RSA User() => Rsa(UserPkcs8.Value);

    internal static byte[] UserPkcs8Bytes() => UserPkcs8.Value.ToArray();

    internal static byte[] UserSpki() => RsaSpki(UserPkcs8.Value);

    internal static SoftwareSignatureKey UserSigner() => new(UserKeyId, User());

    internal static SoftwareSignatureKey TenantSigner() => new(TenantSigningKeyId, Ec(TenantSigningEs256Pkcs8.Value));

    internal static byte[] TenantSigningSpki() => EcSpki(TenantSigningEs256Pkcs8.Value);

    /// <summary>An RS256 tenant signing key, to show every structure works with either algorithm.</summary>
    internal static SoftwareSignatureKey TenantRsaSigner() => new(TenantSigningKeyId, OtherRsa());

    internal static SoftwareSignatureKey OtherEs256Signer(string keyId = TenantSigningKeyId) => new(keyId, Ec(OtherEs256Pkcs8.Value));

    internal static byte[] OtherEs256Spki() => EcSpki(OtherEs256Pkcs8.Value);

    private static byte[] NewRsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] NewEc()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKey();
    }

    private static RSA Rsa(byte[] pkcs8)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa;
    }

    private static ECDsa Ec(byte[] pkcs8)
    {
        var ec = ECDsa.Create();
        ec.ImportPkcs8PrivateKey(pkcs8, out _);
        return ec;
    }

    private static byte[] RsaSpki(byte[] pkcs8)
    {
        using var rsa = Rsa(pkcs8);
        return rsa.ExportSubjectPublicKeyInfo();
    }

    private static byte[] EcSpki(byte[] pkcs8)
    {
        using var ec = Ec(pkcs8);
        return ec.ExportSubjectPublicKeyInfo();
    }
}
