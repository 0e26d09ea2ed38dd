using Appliance.Crypto.KeyWrap;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>CKM_RSA_PKCS_OAEP with the hash and MGF1 hash of the requested JWA algorithm and an empty label.</summary>
internal static class OaepMechanisms
{
    public static IMechanism Create(Pkcs11InteropFactories factories, KeyWrapAlgorithm algorithm)
    {
        var (hash, mgf) = algorithm switch
        {
            KeyWrapAlgorithm.RsaOaepSha1 => (CKM.CKM_SHA_1, CKG.CKG_MGF1_SHA1),
            KeyWrapAlgorithm.RsaOaepSha256 => (CKM.CKM_SHA256, CKG.CKG_MGF1_SHA256),
        };
        var parameters = factories.MechanismParamsFactory.CreateCkRsaPkcsOaepParams(
            ConvertUtils.UInt64FromCKM(hash), ConvertUtils.UInt64FromCKG(mgf), CKZ.CKZ_DATA_SPECIFIED, null);
        return factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_OAEP, parameters);
    }
}
