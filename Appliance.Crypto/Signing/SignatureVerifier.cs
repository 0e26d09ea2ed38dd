using System.Security.Cryptography;

namespace Appliance.Crypto.Signing;

/// <summary>Verifies ES256 / RS256 signatures against a public key given as SubjectPublicKeyInfo DER.</summary>
public static class SignatureVerifier
{
    /// <summary>
    /// True only when <paramref name="signature"/> is a valid <paramref name="alg"/> signature of
    /// <paramref name="data"/> under <paramref name="subjectPublicKeyInfo"/>. A key that does not parse, or is
    /// of the wrong type or strength for the algorithm (ES256 needs P-256; RS256 needs RSA of 2048+ bits), gives
    /// false rather than an exception, because both key and signature often come from untrusted input.
    /// </summary>
    public static bool Verify(SignatureAlgorithm alg, ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        switch (alg)
        {
            case SignatureAlgorithm.Es256:
                if (signature.Length != 64)
                {
                    return false;
                }

                using (var ecdsa = KeyChecks.TryImportP256PublicKey(subjectPublicKeyInfo))
                {
                    return ecdsa is not null
                        && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            case SignatureAlgorithm.Rs256:
                using (var rsa = KeyChecks.TryImportRsaPublicKey(subjectPublicKeyInfo))
                {
                    return rsa is not null
                        && signature.Length == (rsa.KeySize + 7) / 8
                        && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(alg), alg, "Unknown signature algorithm.");
        }
    }
}
