using System.Security.Cryptography;

namespace Appliance.Crypto.Signing;

/// <summary>Key-strength rules shared by signing, verification and key wrapping.</summary>
internal static class KeyChecks
{
    internal const int MinRsaKeySize = 2048;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    internal static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        return curve.IsNamed
            && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1");
    }

    /// <summary>Imports an RSA SubjectPublicKeyInfo; null when the bytes are not exactly one RSA SPKI of an accepted size.</summary>
    internal static RSA? TryImportRsaPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read == subjectPublicKeyInfo.Length && rsa.KeySize >= MinRsaKeySize)
            {
                var result = rsa;
                rsa = null;
                return result;
            }

            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            rsa?.Dispose();
        }
    }

    /// <summary>Imports a P-256 SubjectPublicKeyInfo; null when the bytes are anything else.</summary>
    internal static ECDsa? TryImportP256PublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            if (read == subjectPublicKeyInfo.Length && IsP256(ecdsa))
            {
                var result = ecdsa;
                ecdsa = null;
                return result;
            }

            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            ecdsa?.Dispose();
        }
    }
}
