using System.Formats.Asn1;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>Exports public key objects as SubjectPublicKeyInfo DER, the form every other component uses.</summary>
internal static class PublicKeyReader
{
    /// <summary>DER of the OID 1.2.840.10045.3.1.7 (NIST P-256), the CKA_EC_PARAMS of every signing key made here.</summary>
    public static readonly byte[] P256Parameters = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    public static byte[] RsaSubjectPublicKeyInfo(ISession session, IObjectHandle publicKey)
    {
        var values = ReadAll(session, publicKey, CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT);
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = TrimLeadingZeros(values[0]), Exponent = TrimLeadingZeros(values[1]) });
        return rsa.ExportSubjectPublicKeyInfo();
    }

    public static byte[] P256SubjectPublicKeyInfo(ISession session, IObjectHandle publicKey)
    {
        var point = ReadAll(session, publicKey, CKA.CKA_EC_POINT)[0];
        var uncompressed = UnwrapEcPoint(point);
        if (uncompressed.Length != 65 || uncompressed[0] != 0x04)
        {
            throw new CryptographicException("the HSM returned an EC point that is not an uncompressed P-256 point");
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..] },
        });
        return ecdsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>PKCS#11 v2.20+ wraps the point in a DER OCTET STRING; some older modules return it bare.</summary>
    private static byte[] UnwrapEcPoint(byte[] point)
    {
        if (point.Length == 65 && point[0] == 0x04)
        {
            return point;
        }

        return AsnDecoder.ReadOctetString(point, AsnEncodingRules.DER, out _);
    }

    private static byte[][] ReadAll(ISession session, IObjectHandle handle, params CKA[] types)
    {
        var attributes = session.GetAttributeValue(handle, [.. types]);
        try
        {
            return attributes.Select((attribute, index) => attribute.CannotBeRead
                ? throw new CryptographicException($"the HSM did not return {types[index]} of a public key")
                : attribute.GetValueAsByteArray()).ToArray();
        }
        finally
        {
            foreach (var attribute in attributes)
            {
                attribute.Dispose();
            }
        }
    }

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return value[start..];
    }
}
