using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Appliance.Hsm.Pkcs11;

/// <summary>
/// Finds out what a token really does. Mechanism lists are not enough: SoftHSM2 lists CKM_RSA_PKCS_OAEP but
/// accepts only SHA-1 parameters, so OAEP-SHA-256 is tried end to end on a throw-away session key.
/// </summary>
internal static class MechanismProbe
{
    public static IReadOnlySet<CKM> ListMechanisms(ISlot slot)
    {
        try
        {
            return slot.GetMechanismList().ToHashSet();
        }
        catch (Pkcs11Exception)
        {
            // Some devices refuse the list; then every mechanism is simply tried when used.
            return new HashSet<CKM>();
        }
    }

    public static bool SupportsOaepSha256(ISession session)
    {
        var factories = session.Factories;
        var attributes = factories.ObjectAttributeFactory;
        IObjectHandle? publicKey = null;
        IObjectHandle? privateKey = null;
        try
        {
            var publicTemplate = new List<IObjectAttribute>
            {
                attributes.Create(CKA.CKA_TOKEN, false),
                attributes.Create(CKA.CKA_PRIVATE, false),
                attributes.Create(CKA.CKA_MODULUS_BITS, 2048UL),
                attributes.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 1, 0, 1 }),
                attributes.Create(CKA.CKA_ENCRYPT, true),
                attributes.Create(CKA.CKA_VERIFY, false),
                attributes.Create(CKA.CKA_WRAP, false),
            };
            var privateTemplate = new List<IObjectAttribute>
            {
                attributes.Create(CKA.CKA_TOKEN, false),
                attributes.Create(CKA.CKA_PRIVATE, true),
                attributes.Create(CKA.CKA_SENSITIVE, true),
                attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_DECRYPT, true),
                attributes.Create(CKA.CKA_SIGN, false),
                attributes.Create(CKA.CKA_UNWRAP, false),
                attributes.Create(CKA.CKA_DERIVE, false),
            };
            using (var generate = factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_KEY_PAIR_GEN))
            {
                session.GenerateKeyPair(generate, publicTemplate, privateTemplate, out publicKey, out privateKey);
            }

            var spki = PublicKeyReader.RsaSubjectPublicKeyInfo(session, publicKey);
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            var secret = RandomNumberGenerator.GetBytes(32);
            var wrapped = rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256);
            using var oaep = OaepMechanisms.Create(factories, Appliance.Crypto.KeyWrap.KeyWrapAlgorithm.RsaOaepSha256);
            var unwrapped = session.Decrypt(oaep, privateKey, wrapped);
            return CryptographicOperations.FixedTimeEquals(unwrapped, secret);
        }
        catch (Pkcs11Exception)
        {
            return false;
        }
        finally
        {
            TryDestroy(session, privateKey);
            TryDestroy(session, publicKey);
        }
    }

    private static void TryDestroy(ISession session, IObjectHandle? handle)
    {
        if (handle is null)
        {
            return;
        }

        try
        {
            session.DestroyObject(handle);
        }
        catch (Pkcs11Exception)
        {
            // A session object; it disappears with the session anyway.
        }
    }
}
