using Appliance.Crypto.Signing;
using Appliance.Hsm.Tests.Support;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using LowLevel = Net.Pkcs11Interop.LowLevelAPI80;

namespace Appliance.Hsm.Tests.Security;

/// <summary>
/// Proves, through raw PKCS#11 calls on the vault's own logged-in sessions, that the tenant private keys cannot
/// be read, wrapped out, made extractable or copied: the design's first promise.
/// </summary>
public sealed class PrivateKeyProtectionTests : IClassFixture<VaultFixture>
{
    private readonly Pkcs11TenantKeyVault _vault;
    private readonly string _modulePath;

    public PrivateKeyProtectionTests(VaultFixture fixture)
    {
        _vault = fixture.Vault;
        _modulePath = fixture.Environment.ModulePath;
    }

    public static TheoryData<SignatureAlgorithm, bool> PrivateKeys => new()
    {
        { SignatureAlgorithm.Es256, false },
        { SignatureAlgorithm.Es256, true },
        { SignatureAlgorithm.Rs256, true },
    };

    [Theory]
    [MemberData(nameof(PrivateKeys))]
    public void PrivateKey_Attributes_AreSensitiveNonExtractableTokenObjectsWithOneUsage(SignatureAlgorithm signing, bool signingKey)
    {
        // Arrange - SoftHSM2 turns unset usage flags on, so every flag is checked, not only the ones we set.
        using var key = TestKey.Create(_vault, signing: signing);

        // Act
        var values = _vault.WithSession("na", session =>
        {
            var handle = _vault.PrivateKeyHandle(session, "na", key.KeyId, signingKey);
            var attributes = session.GetAttributeValue(handle,
            [
                CKA.CKA_TOKEN, CKA.CKA_PRIVATE, CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_ALWAYS_SENSITIVE,
                CKA.CKA_NEVER_EXTRACTABLE, CKA.CKA_MODIFIABLE, CKA.CKA_COPYABLE, CKA.CKA_DECRYPT, CKA.CKA_SIGN,
                CKA.CKA_UNWRAP, CKA.CKA_DERIVE, CKA.CKA_SIGN_RECOVER,
            ]);
            var read = attributes.ToDictionary(attribute => (CKA)attribute.Type, attribute => attribute.GetValueAsBool());
            attributes.ForEach(attribute => attribute.Dispose());
            return read;
        });

        // Assert
        Assert.True(values[CKA.CKA_TOKEN]);
        Assert.True(values[CKA.CKA_PRIVATE]);
        Assert.True(values[CKA.CKA_SENSITIVE]);
        Assert.False(values[CKA.CKA_EXTRACTABLE]);
        Assert.True(values[CKA.CKA_ALWAYS_SENSITIVE]);
        Assert.True(values[CKA.CKA_NEVER_EXTRACTABLE]);
        Assert.False(values[CKA.CKA_MODIFIABLE]);
        Assert.False(values[CKA.CKA_COPYABLE]);
        Assert.Equal(!signingKey, values[CKA.CKA_DECRYPT]);
        Assert.Equal(signingKey, values[CKA.CKA_SIGN]);
        Assert.False(values[CKA.CKA_UNWRAP]);
        Assert.False(values[CKA.CKA_DERIVE]);
        Assert.False(values[CKA.CKA_SIGN_RECOVER]);
    }

    [Fact]
    public void RsaPrivateKey_ReadingSecretComponents_IsRefusedWithAttributeSensitive()
    {
        // Arrange - the low-level call shows the token's own answer; the high-level API would only mark the value unreadable.
        using var key = TestKey.Create(_vault);

        // Act
        var (secretRv, modulusRv, highLevelUnreadable) = _vault.WithSession("na", session =>
        {
            var handle = _vault.PrivateKeyHandle(session, "na", key.KeyId, signing: false);
            var secret = GetAttributeRv(session, handle, CKA.CKA_PRIVATE_EXPONENT);
            var modulus = GetAttributeRv(session, handle, CKA.CKA_MODULUS);
            var attributes = session.GetAttributeValue(handle, [CKA.CKA_PRIVATE_EXPONENT, CKA.CKA_PRIME_1, CKA.CKA_PRIME_2, CKA.CKA_COEFFICIENT]);
            var unreadable = attributes.All(attribute => attribute.CannotBeRead);
            attributes.ForEach(attribute => attribute.Dispose());
            return (secret, modulus, unreadable);
        });

        // Assert
        Assert.Equal(CKR.CKR_ATTRIBUTE_SENSITIVE, secretRv);
        Assert.Equal(CKR.CKR_OK, modulusRv); // the call itself works: it is the secret that is refused
        Assert.True(highLevelUnreadable);
    }

    [Fact]
    public void EcPrivateKey_ReadingValue_IsRefusedWithAttributeSensitive()
    {
        // Arrange
        using var key = TestKey.Create(_vault, signing: SignatureAlgorithm.Es256);

        // Act
        var (valueRv, parametersRv) = _vault.WithSession("na", session =>
        {
            var handle = _vault.PrivateKeyHandle(session, "na", key.KeyId, signing: true);
            return (GetAttributeRv(session, handle, CKA.CKA_VALUE), GetAttributeRv(session, handle, CKA.CKA_EC_PARAMS));
        });

        // Assert
        Assert.Equal(CKR.CKR_ATTRIBUTE_SENSITIVE, valueRv);
        Assert.Equal(CKR.CKR_OK, parametersRv);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PrivateKey_WrappingItOut_IsRefused(bool signingKey)
    {
        // Arrange - C_WrapKey is how a key legitimately leaves a token; it must refuse the tenant keys.
        using var key = TestKey.Create(_vault);

        // Act
        var error = _vault.WithSession("na", session =>
        {
            var target = _vault.PrivateKeyHandle(session, "na", key.KeyId, signingKey);
            var attributes = session.Factories.ObjectAttributeFactory;
            var wrappingTemplate = new List<IObjectAttribute>
            {
                attributes.Create(CKA.CKA_TOKEN, false),
                attributes.Create(CKA.CKA_VALUE_LEN, 32UL),
                attributes.Create(CKA.CKA_WRAP, true),
                attributes.Create(CKA.CKA_UNWRAP, true),
                attributes.Create(CKA.CKA_EXTRACTABLE, false),
            };
            using var generate = session.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN);
            var wrappingKey = session.GenerateKey(generate, wrappingTemplate);
            wrappingTemplate.ForEach(attribute => attribute.Dispose());
            try
            {
                using var wrap = session.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD);
                return Record.Exception(() => session.WrapKey(wrap, wrappingKey, target));
            }
            finally
            {
                session.DestroyObject(wrappingKey);
            }
        });

        // Assert
        var pkcs11 = Assert.IsType<Pkcs11Exception>(error);
        Assert.Equal(CKR.CKR_KEY_UNEXTRACTABLE, pkcs11.RV);
    }

    [Theory]
    [InlineData(CKA.CKA_EXTRACTABLE, true)]
    [InlineData(CKA.CKA_SENSITIVE, false)]
    [InlineData(CKA.CKA_SIGN, true)]
    public void PrivateKey_ChangingProtectionOrUsage_IsRefused(CKA attribute, bool value)
    {
        // Arrange
        using var key = TestKey.Create(_vault);

        // Act
        var error = _vault.WithSession("na", session =>
        {
            var handle = _vault.PrivateKeyHandle(session, "na", key.KeyId, signing: false);
            var template = new List<IObjectAttribute> { session.Factories.ObjectAttributeFactory.Create(attribute, value) };
            try
            {
                return Record.Exception(() => session.SetAttributeValue(handle, template));
            }
            finally
            {
                template.ForEach(item => item.Dispose());
            }
        });

        // Assert
        Assert.IsType<Pkcs11Exception>(error);
    }

    [Fact]
    public void PrivateKey_CopyingIt_IsRefused()
    {
        // Arrange - a copy could carry other usages (for example sign with the encryption key).
        using var key = TestKey.Create(_vault);

        // Act
        var error = _vault.WithSession("na", session =>
        {
            var handle = _vault.PrivateKeyHandle(session, "na", key.KeyId, signing: false);
            var template = new List<IObjectAttribute> { session.Factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, false) };
            try
            {
                return Record.Exception(() => session.CopyObject(handle, template));
            }
            finally
            {
                template.ForEach(item => item.Dispose());
            }
        });

        // Assert
        var pkcs11 = Assert.IsType<Pkcs11Exception>(error);
        Assert.Equal(CKR.CKR_ACTION_PROHIBITED, pkcs11.RV);
    }

    /// <summary>C_GetAttributeValue through the low-level API on the vault's session, to see the token's return value.</summary>
    private CKR GetAttributeRv(ISession session, IObjectHandle handle, CKA attribute)
    {
        using var library = new LowLevel.Pkcs11Library(_modulePath); // dlopen of the already loaded module: no C_Initialize
        LowLevel.CK_ATTRIBUTE[] template = [LowLevel.CkaUtils.CreateAttribute(attribute)];
        return library.C_GetAttributeValue(session.SessionId, handle.ObjectId, template, 1);
    }
}
