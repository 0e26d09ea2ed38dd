using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI.Factories;

namespace Appliance.Hsm.Pkcs11;

/// <summary>
/// Attribute templates of tenant key objects. Every usage flag is set explicitly because SoftHSM2 defaults
/// unset ones to true (an EC key came out able to decrypt and unwrap). Private keys are token objects,
/// private, sensitive, never extractable, not modifiable and not copyable (a copy could carry other usages).
/// </summary>
internal static class KeyTemplates
{
    public const string EncryptionSuffix = "/enc";
    public const string SigningSuffix = "/sig";
    private static readonly byte[] PublicExponent = [0x01, 0x00, 0x01];

    public static byte[] Id(string keyId) => Encoding.UTF8.GetBytes(keyId);

    public static Template EncryptionPublic(IObjectAttributeFactory factory, string keyId, ulong bits) =>
        CommonPublic(factory, keyId + EncryptionSuffix, keyId)
            .Add(CKA.CKA_MODULUS_BITS, bits)
            .Add(CKA.CKA_PUBLIC_EXPONENT, PublicExponent)
            .Add(CKA.CKA_ENCRYPT, true)
            .Add(CKA.CKA_VERIFY, false)
            .Add(CKA.CKA_VERIFY_RECOVER, false)
            .Add(CKA.CKA_WRAP, false);

    public static Template EncryptionPrivate(IObjectAttributeFactory factory, string keyId, bool denyCopy) =>
        CommonPrivate(factory, keyId + EncryptionSuffix, keyId, denyCopy)
            .Add(CKA.CKA_DECRYPT, true)
            .Add(CKA.CKA_UNWRAP, false)
            .Add(CKA.CKA_SIGN, false)
            .Add(CKA.CKA_SIGN_RECOVER, false);

    public static Template RsaSigningPublic(IObjectAttributeFactory factory, string keyId) =>
        CommonPublic(factory, keyId + SigningSuffix, keyId)
            .Add(CKA.CKA_MODULUS_BITS, 2048UL)
            .Add(CKA.CKA_PUBLIC_EXPONENT, PublicExponent)
            .Add(CKA.CKA_VERIFY, true)
            .Add(CKA.CKA_ENCRYPT, false)
            .Add(CKA.CKA_VERIFY_RECOVER, false)
            .Add(CKA.CKA_WRAP, false);

    public static Template EcSigningPublic(IObjectAttributeFactory factory, string keyId) =>
        CommonPublic(factory, keyId + SigningSuffix, keyId)
            .Add(CKA.CKA_EC_PARAMS, PublicKeyReader.P256Parameters)
            .Add(CKA.CKA_VERIFY, true)
            .Add(CKA.CKA_ENCRYPT, false)
            .Add(CKA.CKA_VERIFY_RECOVER, false)
            .Add(CKA.CKA_WRAP, false);

    public static Template SigningPrivate(IObjectAttributeFactory factory, string keyId, bool denyCopy) =>
        CommonPrivate(factory, keyId + SigningSuffix, keyId, denyCopy)
            .Add(CKA.CKA_SIGN, true)
            .Add(CKA.CKA_DECRYPT, false)
            .Add(CKA.CKA_UNWRAP, false)
            .Add(CKA.CKA_SIGN_RECOVER, false);

    /// <summary>Finds one private key of a tenant key version: by id, class and label (RS256 keys share type and id with /enc).</summary>
    public static Template FindPrivate(IObjectAttributeFactory factory, string keyId, string suffix) =>
        new Template(factory)
            .Add(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY)
            .Add(CKA.CKA_ID, Id(keyId))
            .Add(CKA.CKA_LABEL, keyId + suffix);

    public static Template FindPublic(IObjectAttributeFactory factory, string keyId, string suffix) =>
        new Template(factory)
            .Add(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY)
            .Add(CKA.CKA_ID, Id(keyId))
            .Add(CKA.CKA_LABEL, keyId + suffix);

    /// <summary>Every object of a key version, whatever its class.</summary>
    public static Template FindAll(IObjectAttributeFactory factory, string keyId) =>
        new Template(factory).Add(CKA.CKA_ID, Id(keyId));

    private static Template CommonPublic(IObjectAttributeFactory factory, string label, string keyId) =>
        new Template(factory)
            .Add(CKA.CKA_TOKEN, true)
            .Add(CKA.CKA_PRIVATE, false)
            .Add(CKA.CKA_MODIFIABLE, false)
            .Add(CKA.CKA_LABEL, label)
            .Add(CKA.CKA_ID, Id(keyId))
            .Add(CKA.CKA_DERIVE, false);

    private static Template CommonPrivate(IObjectAttributeFactory factory, string label, string keyId, bool denyCopy)
    {
        var template = new Template(factory)
            .Add(CKA.CKA_TOKEN, true)
            .Add(CKA.CKA_PRIVATE, true)
            .Add(CKA.CKA_SENSITIVE, true)
            .Add(CKA.CKA_EXTRACTABLE, false)
            .Add(CKA.CKA_MODIFIABLE, false)
            .Add(CKA.CKA_LABEL, label)
            .Add(CKA.CKA_ID, Id(keyId))
            .Add(CKA.CKA_DERIVE, false);
        // CKA_COPYABLE is PKCS#11 v2.40; a v2.20 device rejects it, and the caller retries without it.
        return denyCopy ? template.Add(CKA.CKA_COPYABLE, false) : template;
    }
}
