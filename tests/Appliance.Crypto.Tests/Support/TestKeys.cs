using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;
using Appliance.Crypto.Tests.Vectors;

namespace Appliance.Crypto.Tests.Support;

/// <summary>The committed test keys (docs/vectors/keys.json); each accessor hands out a fresh object over them.</summary>
internal static class TestKeys
{
    internal const string TenantEncryptionKeyId = "tenant-enc-1";
    internal const string TenantSigningKeyId = "tenant-sig-1";
    internal const string UserKeyId = "user-1";

    private static VectorKeys Keys => VectorKeys.Current;

    internal static RSA TenantEncryption() => Keys.TenantEncryption.Rsa();

    internal static byte[] TenantEncryptionSpki() => Keys.TenantEncryption.Spki.ToArray();

    internal static byte[] TenantEncryption3072Spki() => Keys.TenantEncryption3072.Spki.ToArray();

    internal static IKeyUnwrapper TenantUnwrapper() => new SoftwareKeyUnwrapper(TenantEncryptionKeyId, TenantEncryption());

    internal static RSA OtherRsa() => Keys.OtherRsa.Rsa();

    internal static byte[] OtherRsaSpki() => Keys.OtherRsa.Spki.ToArray();

    internal static RSA User() => Keys.User.Rsa();

    internal static byte[] UserPkcs8Bytes() => Keys.User.Pkcs8.ToArray();

    internal static byte[] UserSpki() => Keys.User.Spki.ToArray();

    internal static SoftwareSignatureKey UserSigner() => new(UserKeyId, User());

    internal static SoftwareSignatureKey TenantSigner() => new(TenantSigningKeyId, Keys.TenantSigningEs256.Ec());

    internal static byte[] TenantSigningSpki() => Keys.TenantSigningEs256.Spki.ToArray();

    /// <summary>An RS256 tenant signing key (public key: <see cref="OtherRsaSpki"/>), to show either algorithm works.</summary>
    internal static SoftwareSignatureKey TenantRsaSigner() => new(TenantSigningKeyId, OtherRsa());

    internal static SoftwareSignatureKey OtherEs256Signer(string keyId = TenantSigningKeyId) => new(keyId, Keys.OtherEs256.Ec());

    internal static byte[] OtherEs256Spki() => Keys.OtherEs256.Spki.ToArray();
}
