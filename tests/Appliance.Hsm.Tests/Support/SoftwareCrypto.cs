using System.Security.Cryptography;
using Appliance.Crypto.KeyWrap;
using Appliance.Crypto.Signing;

namespace Appliance.Hsm.Tests.Support;

/// <summary>The client side of the HSM operations, done with .NET's own RSA and ECDSA.</summary>
public static class SoftwareCrypto
{
    public static byte[] Wrap(byte[] subjectPublicKeyInfo, byte[] key, KeyWrapAlgorithm algorithm)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.Encrypt(key, algorithm == KeyWrapAlgorithm.RsaOaepSha256 ? RSAEncryptionPadding.OaepSHA256 : RSAEncryptionPadding.OaepSHA1);
    }

    public static bool Verify(SignatureAlgorithm algorithm, byte[] subjectPublicKeyInfo, byte[] data, byte[] signature)
    {
        if (algorithm == SignatureAlgorithm.Es256)
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public static int RsaKeySize(byte[] subjectPublicKeyInfo)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.KeySize;
    }
}
